using CoProduce.Journal.State;
using Orleans;

namespace CoProduce.Benchmarks.OrleansRuntime;

/// <summary>The in-memory work both counters do per call: one increment, the new total back.</summary>
[Alias("bench.counter")]
public interface ICounterGrain : IGrainWithIntegerKey
{
    [Alias("add")]
    Task<int> Add(int amount);
}

/// <summary>A bare Orleans grain: its count in a field.</summary>
[GrainType("bench-bare-counter")]
public sealed class BareCounterGrain : Grain, ICounterGrain
{
    private int _total;

    public Task<int> Add(int amount)
    {
        _total += amount;
        return Task.FromResult(_total);
    }
}

/// <summary>
/// The same work in a CoProduce grain: a JournaledGrain whose count lives in its [JournaledState] copy (read
/// at activation, not written by this call), every call passing the journal call filter.
/// </summary>
[GrainType("bench-journaled-counter")]
public sealed class JournaledCounterGrain([JournaledState("counter")] IJournaledState<BenchState> counter) : JournaledGrain, ICounterGrain
{
    public Task<int> Add(int amount)
    {
        counter.State.Value += amount;
        return Task.FromResult(counter.State.Value);
    }
}
