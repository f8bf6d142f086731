using Orleans.Storage;

namespace CoProduce.Journal.State;

/// <summary>The answer to a write from a copy whose earlier write failed: Orleans deactivates the activation on it.</summary>
internal static class JournalConflict
{
    public static InconsistentStateException AfterFailedWrite(string stateName, Exception earlier) =>
        new($"An earlier write of state '{stateName}' failed ({earlier.GetType().Name}); the grain reloads on its next call.");
}
