namespace CoProduce.Client.Http;

/// <summary>
/// How <see cref="CoProduceHttpClient"/> repeats a request the API answered 503 with Retry-After (a database restart,
/// a node of the cluster failing over): only requests that are safe to send again (GET, PUT, DELETE, and creates sent
/// with an Idempotency-Key), after the delay the API asked for, at most <see cref="MaxDelay"/>, at most
/// <see cref="MaxRetries"/> times.
/// </summary>
/// <param name="MaxRetries">How often one request is sent again; 0 never retries.</param>
/// <param name="MaxDelay">The longest wait before a retry, whatever Retry-After says.</param>
public sealed record HttpRetryPolicy(int MaxRetries, TimeSpan MaxDelay)
{
    /// <summary>Three retries, waiting at most 5 s each: long enough for a killed node to be declared dead (about 10 s).</summary>
    public static HttpRetryPolicy Default { get; } = new(3, TimeSpan.FromSeconds(5));

    /// <summary>Never retries: every 503 reaches the caller.</summary>
    public static HttpRetryPolicy None { get; } = new(0, TimeSpan.Zero);
}
