
namespace CoProduce.Grains.Common;

/// <summary>A response kept so that a retried create (same Idempotency-Key) gets the same answer, not a second resource.</summary>
[GenerateSerializer, Alias("coproduce.common.StoredResponse"), Immutable]
public sealed record StoredResponse(int Status, string? ContentType, string Body, string? Location, string? ETag);

[GenerateSerializer, Alias("coproduce.common.IdempotencyOutcome")]
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

/// <summary>What to do with a request; <paramref name="Attempt"/> names this attempt when it may proceed.</summary>
[GenerateSerializer, Alias("coproduce.common.IdempotencyDecision"), Immutable]
public sealed record IdempotencyDecision(IdempotencyOutcome Outcome, StoredResponse? Response, Guid Attempt = default);

/// <summary>One Idempotency-Key of one caller on one endpoint.</summary>
[Alias("coproduce.common.IIdempotencyGrain")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts an attempt, or says why not. An attempt that has neither completed nor been abandoned within
    /// <see cref="Lease"/> is taken for lost (its node died mid-request) and a retry may proceed.
    /// </summary>
    Task<IdempotencyDecision> Begin(string requestHash);

    /// <summary>Keeps the response of <paramref name="attempt"/>; ignored if that attempt's lease was taken over.</summary>
    Task Complete(Guid attempt, StoredResponse response);

    /// <summary>The attempt failed without an answer worth keeping; a retry may proceed.</summary>
    Task Abandon(Guid attempt);

    /// <summary>
    /// Longer than any request can take (every grain call gives up after 30 s and a create makes only a
    /// few), so a live attempt is never taken over; short enough that a retry after a crash goes through.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
}
