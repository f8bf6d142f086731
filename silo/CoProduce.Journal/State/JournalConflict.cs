using OrleansInconsistentState = Orleans.Storage.InconsistentStateException;
using StaleWrite = CoProduce.Runtime.State.InconsistentStateException;

namespace CoProduce.Journal.State;

/// <summary>
/// The storage reports a stale version or a taken sequence number with the home-made runtime's exception;
/// grains on Orleans get Orleans' own, which the Orleans runtime answers by deactivating the activation.
/// </summary>
internal static class JournalConflict
{
    public static Exception ToOrleans(Exception failure) =>
        failure is StaleWrite stale ? new OrleansInconsistentState(stale.Message) : failure;

    public static OrleansInconsistentState AfterFailedWrite(string stateName, Exception earlier) =>
        new($"An earlier write of state '{stateName}' failed ({earlier.GetType().Name}); the grain reloads on its next call.");
}
