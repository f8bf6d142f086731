using System.Security.Cryptography;
using System.Text;
using CoProduce.Grains.Payments.Storage;
using CoProduce.Journal.Storage;
using CoProduce.Telemetry;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Logging;

namespace CoProduce.Grains.Payments.Payouts;

/// <summary>
/// Payout runs as Hangfire jobs. <see cref="RunAsync"/> runs one run (again): the run's row in cp_pay_runs is the
/// truth, so a retry, a requeue from the dashboard or a second node running it at once only finishes what is left
/// (the ledger's unique index refuses a second payout; the bank file is written again with the same rows).
/// A failed run is scheduled again after a backoff that doubles each time. A run that holds no claim yet gives up
/// after the configured attempts (or at once on a fault that is not transient): nothing is lost, its claims stay
/// due. A run that holds claims (its ledger rows are in) is never given up: no other run will pay them, so it is
/// retried, at least every <see cref="PaymentsOptions.MaxRetryBackoff"/>, until its instruction is handed over.
/// <see cref="StartScheduledRunsAsync"/> is the recurring schedule: one run per payer with claims due, named after
/// the Hangfire job and the payer, so a firing that is run again finds the same runs.
/// </summary>
public sealed partial class PayoutJob(PayoutBatch batch, PaymentStore store, PaymentsOptions options, PayoutScheduler scheduler, TimeProvider time, ILogger<PayoutJob> logger)
{
    public const string ScheduleJobId = "payout-schedule";

    [AutomaticRetry(Attempts = 0)]
    [PayoutRetry]
    [JobDisplayName("Payout run {0}")]
    public async Task RunAsync(Guid runId, string? payerKey, CancellationToken cancellationToken)
    {
        var payer = payerKey is { Length: > 0 } ? PayerGrain.Parse(payerKey) : null;
        using var telemetry = JobRunScope.Start("payout", runId.ToString("D"));
        try
        {
            var run = await batch.RunAsync(runId, payer, cancellationToken);
            telemetry.Succeed();
            LogCompleted(logger, runId, run.EntriesWritten, run.ClaimsPaid);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            telemetry.Fail(e);
            var attempt = await AttemptsAsync(runId);
            bool holdsClaims;
            try
            {
                holdsClaims = await store.HoldsPayoutsAsync(runId, CancellationToken.None);
            }
            catch (Exception check) when (check is not OperationCanceledException)
            {
                // Unknown: assume it holds claims, so it is never given up by mistake.
                holdsClaims = true;
            }

            var retry = holdsClaims || (attempt < options.MaxAttempts && IsTransient(e));
            LogFailed(logger, e, runId, attempt, retry);
            try
            {
                await store.RecordRunErrorAsync(runId, $"attempt {attempt}: {e.Message}", !retry, time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
            }
            catch (Exception record) when (StorageFailures.IsTransient(record))
            {
                // The run keeps its status; the retry records the outcome.
            }

            if (retry)
            {
                throw new PayoutRetryException(runId, attempt, Backoff(attempt), e);
            }

            throw;
        }
    }

    [AutomaticRetry(Attempts = 3)]
    [JobDisplayName("Scheduled payout")]
    public async Task StartScheduledRunsAsync(PerformContext? context, CancellationToken cancellationToken)
    {
        var firing = context?.BackgroundJob.Id ?? Guid.NewGuid().ToString("N");
        var fired = context?.BackgroundJob.CreatedAt is { } created ? new DateTimeOffset(created, TimeSpan.Zero) : time.GetUtcNow();
        var now = time.GetUtcNow();
        var week = ClaimRules.WeekOf(DateOnly.FromDateTime(now.UtcDateTime));
        foreach (var payer in await store.PayersWithDueClaimsAsync(week, cancellationToken))
        {
            var runId = ScheduledRunId(firing, payer);
            await store.CreateRunAsync(runId, payer, $"schedule {fired:yyyy-MM-dd'T'HH:mm'Z'}", now.ToUnixTimeMilliseconds(), cancellationToken);
            if (await store.GetRunAsync(runId, cancellationToken) is { Status: PayoutRunStatus.Running or PayoutRunStatus.ExportPending, Attempts: 0 })
            {
                await scheduler.EnqueueAsync(runId, payer, cancellationToken);
            }
        }
    }

    /// <summary>The run id of a scheduled firing for one payer: the same when the firing's job runs again, different for every firing and payer.</summary>
    public static Guid ScheduledRunId(string firing, PayerRef payer) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"payout-schedule:{firing}:{payer.Key}")).AsSpan(0, 16));

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: doubling from RetryBackoff, never beyond MaxRetryBackoff.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var wait = options.RetryBackoff * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        return wait < options.MaxRetryBackoff ? wait : options.MaxRetryBackoff;
    }

    private async Task<int> AttemptsAsync(Guid runId)
    {
        try
        {
            return (await store.GetRunAsync(runId, CancellationToken.None))?.Attempts ?? 1;
        }
        catch (Exception e) when (StorageFailures.IsTransient(e))
        {
            return 1;
        }
    }

    private static bool IsTransient(Exception e) => StorageFailures.IsTransient(e) || e is IOException or HttpRequestException or UnauthorizedAccessException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Payout run {RunId} completed: {Entries} ledger rows for {Claims} claims")]
    private static partial void LogCompleted(ILogger logger, Guid runId, int entries, int claims);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payout run {RunId} attempt {Attempt} failed; retrying: {Retry}")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid runId, int attempt, bool retry);
}
