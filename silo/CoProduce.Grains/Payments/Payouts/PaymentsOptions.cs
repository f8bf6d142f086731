namespace CoProduce.Grains.Payments.Payouts;

/// <summary>Settings of section <c>CoProduce:Payments</c>: payout runs and the bank file they write.</summary>
public sealed record PaymentsOptions
{
    public const string SectionName = "CoProduce:Payments";

    /// <summary>Cron expression (UTC; five fields, or six with seconds first) of the scheduled payout run for every payer; default 02:00 daily.</summary>
    public string Schedule { get; init; } = "0 0 2 * * ?";

    /// <summary>Ledger rows written per multi-row INSERT (and per transaction).</summary>
    public int ChunkSize { get; init; } = 1000;

    /// <summary>Due claims read per keyset page.</summary>
    public int PageSize { get; init; } = 10_000;

    /// <summary>How often a run is tried in all when the database or the provider fails transiently.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The wait before the first retry; it doubles with each further attempt.</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest wait between retries of a run that holds claims (its ledger rows are in): such a run is never given
    /// up, since its claims are paid by no other run, so it is retried at least this often until its handover succeeds.
    /// </summary>
    public TimeSpan MaxRetryBackoff { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Where the bank bulk-payment CSV files go (relative to the working directory).</summary>
    public string ExportDirectory { get; init; } = "payouts";

    /// <summary>Fault injection for tests only: a run stops making progress after this many chunks, until its process ends.</summary>
    public int? HaltAfterChunks { get; init; }

    /// <summary>
    /// Fault injection for tests only: a run stops at this step until its process ends (with
    /// <see cref="PayoutStep.ChunkInTransaction"/>, inside the chunk after the first <see cref="HaltAfterChunks"/>).
    /// </summary>
    public PayoutStep? HaltAt { get; init; }

    /// <summary>The message naming a setting of this section that breaks <paramref name="rule"/>.</summary>
    internal static string Broken(string setting, string rule) => $"Setting '{SectionName}:{setting}' must be {rule}.";
}
