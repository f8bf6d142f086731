using CoProduce.Runtime.Grains;
using CoProduce.Runtime.State;

namespace CoProduce.Runtime.Tests.Grains;

public interface IFlushingGrain : IGrainWithStringKey
{
    /// <summary>Counts in memory only; the count is stored when the activation deactivates.</summary>
    Task Add(int amount);

    Task<int> Stored();
}

public sealed record FlushState
{
    public int Total { get; init; }
}

public sealed class FlushingGrain([PersistentState("flush")] IPersistentState<FlushState> state) : Grain, IFlushingGrain
{
    private int _unsaved;

    public Task Add(int amount)
    {
        _unsaved += amount;
        return Task.CompletedTask;
    }

    public Task<int> Stored() => Task.FromResult(state.State.Total);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        state.State = state.State with { Total = state.State.Total + _unsaved };
        await state.WriteStateAsync(cancellationToken);
    }
}
