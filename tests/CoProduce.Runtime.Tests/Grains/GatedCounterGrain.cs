using CoProduce.Runtime.Grains;
using CoProduce.Runtime.State;
using CoProduce.Runtime.Tests.Fixtures;

namespace CoProduce.Runtime.Tests.Grains;

public interface IGatedCounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    /// <summary>Reads the count, waits for the test's "release" signal, then writes count + 1.</summary>
    Task<int> IncrementAfterGate();

    Task<int> Value();
}

/// <summary>A counter whose increment can be held between reading and writing, to lose a race on purpose.</summary>
public sealed class GatedCounterGrain([PersistentState("counter")] IPersistentState<CounterState> state, TestProbe probe) : Grain, IGatedCounterGrain
{
    public Task<int> Increment() => WriteAsync(state.State.Value + 1);

    public async Task<int> IncrementAfterGate()
    {
        probe.Increment($"entered:{GrainId.Key}");
        probe.Signal($"entered:{GrainId.Key}");
        await probe.WhenSignalled($"release:{GrainId.Key}");
        return await WriteAsync(state.State.Value + 1);
    }

    public Task<int> Value() => Task.FromResult(state.State.Value);

    private async Task<int> WriteAsync(int value)
    {
        state.State = state.State with { Value = value };
        await state.WriteStateAsync();
        return value;
    }
}
