using CoProduce.Journal.Storage;
using Orleans;
using Orleans.Runtime;

namespace CoProduce.Journal.State;

/// <summary>
/// Around every incoming grain call: tags the events the call raises with it and drops them if the call
/// fails before they are written; deactivates an activation whose state write failed for any reason (Orleans
/// does so itself only for InconsistentStateException), so the next call reads the stored state afresh; and
/// replaces database exceptions, which do not cross silos intact, with <see cref="StorageUnavailableException"/>.
/// </summary>
internal sealed class JournalCallFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var journal = context.TargetContext.GetComponent<JournalActivation>();
        var owner = new object();
        var previous = EventOwner.Enter(owner);
        try
        {
            await context.Invoke();
        }
        catch (Exception e)
        {
            journal?.DiscardStagedBy(owner);
            if (StorageFailures.AsUnavailable(e) is { } unavailable)
            {
                throw unavailable;
            }

            throw;
        }
        finally
        {
            EventOwner.Exit(previous);
            if (journal?.FailedWrite is { } failed)
            {
                journal.DeactivateOnIdle($"A state write failed ({failed.GetType().Name}); the next call reads the stored state.");
            }
        }
    }
}
