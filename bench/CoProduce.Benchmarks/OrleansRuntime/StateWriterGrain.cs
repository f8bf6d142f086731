using CoProduce.Journal.State;
using Orleans;

namespace CoProduce.Benchmarks.OrleansRuntime;

/// <summary>A grain whose calls each make one durable write of its state, with or without one journal event.</summary>
[Alias("bench.state-writer")]
public interface IStateWriterGrain : IGrainWithIntegerKey
{
    /// <summary>Changes the state and writes it (WriteStateAsync).</summary>
    [Alias("write")]
    Task Write();

    /// <summary>Changes the state, raises one event and writes both atomically.</summary>
    [Alias("write-with-event")]
    Task WriteWithEvent();
}

[GrainType("bench-state-writer")]
public sealed class StateWriterGrain([JournaledState("state")] IJournaledState<BenchState> state) : JournaledGrain, IStateWriterGrain
{
    public Task Write()
    {
        state.State.Value++;
        return state.WriteStateAsync();
    }

    public Task WriteWithEvent()
    {
        state.State.Value++;
        RaiseEvent(new Voted("a-participant", "yes"));
        return state.WriteStateAsync();
    }
}
