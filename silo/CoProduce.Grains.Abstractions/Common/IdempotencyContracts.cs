using CoProduce.Runtime.Grains;

namespace CoProduce.Grains.Common;

/// <summary>A response kept so that a retried create (same Idempotency-Key) gets the same answer, not a second resource.</summary>
public sealed record StoredResponse(int Status, string? ContentType, string Body, string? Location, string? ETag);

public enum IdempotencyOutcome
{
    /// <summary>First time: go ahead, then Complete.</summary>
    Proceed,

    /// <summary>The same request is still being handled.</summary>
    InProgress,

    /// <summary>Seen and finished: answer with the stored response.</summary>
    Replay,

    /// <summary>The key was used for a different request.</summary>
    Mismatch,
}

public sealed record IdempotencyDecision(IdempotencyOutcome Outcome, StoredResponse? Response);

/// <summary>One Idempotency-Key of one caller on one endpoint.</summary>
public interface IIdempotencyGrain : IGrainWithStringKey
{
    Task<IdempotencyDecision> Begin(string requestHash);

    Task Complete(StoredResponse response);

    /// <summary>The attempt failed without an answer worth keeping; a retry may proceed.</summary>
    Task Abandon();
}
