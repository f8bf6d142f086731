using Orleans;
using Orleans.Runtime;

namespace CoProduce.Journal.State;

/// <summary>
/// An Orleans grain with the journal members the home-made runtime's Grain had, so a grain moving over
/// keeps its RaiseEvent calls as they are. The grain needs at least one [JournaledState] constructor
/// parameter: the events go with that state's writes.
/// </summary>
public abstract class JournaledGrain : Grain
{
    private JournalActivation Journal => GrainContext.GetComponent<JournalActivation>()
        ?? throw new InvalidOperationException($"{GetType().Name} has no [JournaledState] constructor parameter to journal its events with.");

    /// <summary>
    /// Stages an event for this grain's journal and event stream. It is committed with the next state
    /// write (atomically) or by <see cref="FlushEventsAsync"/>, and only then published.
    /// </summary>
    protected void RaiseEvent(object @event) => Journal.Stage(@event);

    /// <summary>Commits staged events without a state write.</summary>
    protected Task FlushEventsAsync(CancellationToken cancellationToken = default) => Journal.FlushAsync(cancellationToken);

    /// <summary>The sequence number of this grain's last committed event (0 when none).</summary>
    protected ValueTask<long> GetLastEventSequenceAsync(CancellationToken cancellationToken = default) =>
        Journal.GetLastSequenceAsync(cancellationToken);
}
