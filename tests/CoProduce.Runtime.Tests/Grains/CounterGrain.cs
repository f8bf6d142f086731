using CoProduce.Runtime.Grains;
using CoProduce.Runtime.State;
using CoProduce.Runtime.Tests.Fixtures;

namespace CoProduce.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Value();

    Task<string?> GetEtag();

    Task<bool> RecordExists();

    Task Clear();

    Task Deactivate();
}

public sealed record CounterState
{
    public int Value { get; init; }
}

/// <summary>A persisted counter that reports its activations and deactivations to the probe.</summary>
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state, TestProbe probe) : Grain, ICounterGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Increment($"activated:{GrainId.Key}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Signal($"deactivated:{GrainId.Key}", reason);
        return Task.CompletedTask;
    }

    public async Task<int> Increment()
    {
        state.State = state.State with { Value = state.State.Value + 1 };
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> Value() => Task.FromResult(state.State.Value);

    public Task<string?> GetEtag() => Task.FromResult(state.Etag);

    public Task<bool> RecordExists() => Task.FromResult(state.RecordExists);

    public Task Clear() => state.ClearStateAsync();

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
