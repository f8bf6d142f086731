using CoProduce.Runtime.Grains;
using CoProduce.Runtime.State;

namespace CoProduce.Grains.Common;

public sealed record IdempotencyState
{
    public string? RequestHash { get; init; }

    public bool Completed { get; init; }

    public StoredResponse? Response { get; init; }
}

public sealed class IdempotencyGrain([PersistentState("idempotency")] IPersistentState<IdempotencyState> state) : Grain, IIdempotencyGrain
{
    public async Task<IdempotencyDecision> Begin(string requestHash)
    {
        var s = state.State;
        if (s.RequestHash is null)
        {
            state.State = new IdempotencyState { RequestHash = requestHash };
            await state.WriteStateAsync();
            return new(IdempotencyOutcome.Proceed, null);
        }

        if (s.RequestHash != requestHash)
        {
            return new(IdempotencyOutcome.Mismatch, null);
        }

        return s.Completed ? new(IdempotencyOutcome.Replay, s.Response) : new(IdempotencyOutcome.InProgress, null);
    }

    public Task Complete(StoredResponse response)
    {
        state.State = state.State with { Completed = true, Response = response };
        return state.WriteStateAsync();
    }

    public Task Abandon() => state.ClearStateAsync();
}
