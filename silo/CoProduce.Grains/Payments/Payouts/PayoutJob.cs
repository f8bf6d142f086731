using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CoProduce.Grains.Payments.Storage;
using CoProduce.Journal.Storage;
using CoProduce.Telemetry;
using Microsoft.Extensions.Logging;
using Quartz;

namespace CoProduce.Grains.Payments.Payouts;

/// <summary>
/// One payout run as a Quartz job, or the schedule's firing, which records one run per payer with claims due (named
/// after the fire time and the payer, so a recovered firing finds the same runs) and starts each. A failed run is
/// scheduled again after a backoff that doubles each time. A run that holds no claim yet gives up after the
/// configured attempts (or at once on a fault that is not transient): nothing is lost, its claims stay due. A run
/// that holds claims (its ledger rows are in) is never given up: no other run will pay them, so it is retried, at
/// least every <see cref="PaymentsOptions.MaxRetryBackoff"/>, until its instruction is handed over.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class PayoutJob(PayoutBatch batch, PaymentStore store, PaymentsOptions options, TimeProvider time, ILogger<PayoutJob> logger) : IJob
{
    public const string RunIdKey = "runId";
    public const string PayerKey = "payer";
    public const string AttemptKey = "attempt";
    public const string Group = "payments";

    public async Task Execute(IJobExecutionContext context)
    {
        var data = context.MergedJobDataMap;
        var payer = data.TryGetString(PayerKey, out var key) && key is { Length: > 0 } ? PayerGrain.Parse(key) : null;
        if (!(data.TryGetString(RunIdKey, out var id) && id is { Length: > 0 }))
        {
            await StartScheduledRunsAsync(context);
            return;
        }

        var runId = Guid.Parse(id);
        var attempt = data.TryGetString(AttemptKey, out var a) && a is { Length: > 0 } ? int.Parse(a, CultureInfo.InvariantCulture) : 1;
        using var telemetry = JobRunScope.Start("payout", runId.ToString("D"));
        try
        {
            var run = await batch.RunAsync(runId, payer, context.CancellationToken);
            telemetry.Succeed();
            LogCompleted(logger, runId, run.EntriesWritten, run.ClaimsPaid);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            telemetry.Fail(e);
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
                // The run keeps its status; the retry (or the next start-up) records the outcome.
            }

            if (retry)
            {
                // Quartz fires on its own clock, not the application's (which tests may have moved on).
                await PayoutScheduler.ScheduleRunAsync(context.Scheduler, runId, payer, attempt + 1, SystemTime.UtcNow() + Backoff(attempt), CancellationToken.None);
            }
        }
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: doubling from RetryBackoff, never beyond MaxRetryBackoff.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var wait = options.RetryBackoff * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        return wait < options.MaxRetryBackoff ? wait : options.MaxRetryBackoff;
    }

    private async Task StartScheduledRunsAsync(IJobExecutionContext context)
    {
        var fired = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var now = time.GetUtcNow();
        var week = ClaimRules.WeekOf(DateOnly.FromDateTime(now.UtcDateTime));
        foreach (var payer in await store.PayersWithDueClaimsAsync(week, context.CancellationToken))
        {
            var runId = ScheduledRunId(fired, payer);
            await store.CreateRunAsync(runId, payer, $"schedule {fired:yyyy-MM-dd'T'HH:mm'Z'}", now.ToUnixTimeMilliseconds(), context.CancellationToken);
            if (await store.GetRunAsync(runId, context.CancellationToken) is { Status: PayoutRunStatus.Running or PayoutRunStatus.ExportPending })
            {
                await PayoutScheduler.ScheduleRunAsync(context.Scheduler, runId, payer, 1, SystemTime.UtcNow(), context.CancellationToken);
            }
        }
    }

    /// <summary>The run id of a scheduled firing for one payer: the same for a firing and its recovery, different for every firing and payer.</summary>
    public static Guid ScheduledRunId(DateTimeOffset fireTime, PayerRef payer) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"payout-schedule:{fireTime.ToUnixTimeMilliseconds()}:{payer.Key}")).AsSpan(0, 16));

    private static bool IsTransient(Exception e) => StorageFailures.IsTransient(e) || e is IOException or HttpRequestException or UnauthorizedAccessException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Payout run {RunId} completed: {Entries} ledger rows for {Claims} claims")]
    private static partial void LogCompleted(ILogger logger, Guid runId, int entries, int claims);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payout run {RunId} attempt {Attempt} failed; retrying: {Retry}")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid runId, int attempt, bool retry);
}
