using CoProduce.Journal.State;
using Orleans.Concurrency;

namespace CoProduce.Journal.Tests.Grains;

/// <summary>
/// Calls interleave, so increments made while a write is in flight share the next write. Raises its events
/// through <see cref="JournaledGrain"/>, as grains moved from the home-made runtime do.
/// </summary>
[Reentrant]
[GrainType("tally")]
public sealed class TallyGrain([JournaledState("tally")] IJournaledState<CounterState> tally) : JournaledGrain, ITallyGrain
{
    public Task Increment()
    {
        tally.State.Total++;
        RaiseEvent(new Added(1, tally.State.Total));
        return tally.WriteStateCoalescedAsync();
    }

    public Task<int> Total() => Task.FromResult(tally.State.Total);
}
