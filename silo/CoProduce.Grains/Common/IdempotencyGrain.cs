
namespace CoProduce.Grains.Common;

public sealed record IdempotencyState
{
    public string? RequestHash { get; init; }

    public bool Completed { get; init; }

    public StoredResponse? Response { get; init; }

    /// <summary>The attempt under way or finished.</summary>
    public Guid Attempt { get; init; }

    public DateTimeOffset StartedAt { get; init; }
}

[GrainType("idempotency")]
public sealed class IdempotencyGrain(
    [PersistentState("idempotency")] IPersistentState<IdempotencyState> state,
    TimeProvider time) : Grain, IIdempotencyGrain
{
    public async Task<IdempotencyDecision> Begin(string requestHash)
    {
        var s = state.State;
        if (s.RequestHash is not null && s.RequestHash != requestHash)
        {
            return new(IdempotencyOutcome.Mismatch, null);
        }

        if (s.Completed)
        {
            return new(IdempotencyOutcome.Replay, s.Response);
        }

        if (s.RequestHash is not null && time.GetUtcNow() - s.StartedAt < IIdempotencyGrain.Lease)
        {
            return new(IdempotencyOutcome.InProgress, null);
        }

        // New, or an attempt that never finished (its node went down mid-request): this one takes over.
        state.State = new IdempotencyState { RequestHash = requestHash, Attempt = Guid.NewGuid(), StartedAt = time.GetUtcNow() };
        await state.WriteStateAsync();
        return new(IdempotencyOutcome.Proceed, null, state.State.Attempt);
    }

    public Task Complete(Guid attempt, StoredResponse response)
    {
        if (state.State.Attempt != attempt || state.State.Completed)
        {
            return Task.CompletedTask;
        }

        state.State = state.State with { Completed = true, Response = response };
        return state.WriteStateAsync();
    }

    public Task Abandon(Guid attempt) =>
        state.State.Attempt == attempt && !state.State.Completed ? state.ClearStateAsync() : Task.CompletedTask;
}
