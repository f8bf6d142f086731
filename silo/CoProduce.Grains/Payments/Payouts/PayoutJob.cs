using System.Security.Cryptography;
using System.Text;
using CoProduce.Grains.Payments.Storage;
using CoProduce.Runtime.Storage;
using CoProduce.Runtime.Telemetry;
using Microsoft.Extensions.Logging;
using Quartz;

namespace CoProduce.Grains.Payments.Payouts;

/// <summary>
/// One payout run as a Quartz job. A scheduled firing names its run after the fire time, so a recovered firing
/// resumes the same run. A transient failure (database unreachable, provider timing out) schedules the same run
/// again after a backoff that doubles each time, up to the configured attempts; the run shows the last error.
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
        Guid runId;
        if (data.TryGetString(RunIdKey, out var id) && id is { Length: > 0 })
        {
            runId = Guid.Parse(id);
        }
        else
        {
            var fired = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
            runId = ScheduledRunId(fired);
            await store.CreateRunAsync(runId, payer, $"schedule {fired:yyyy-MM-dd'T'HH:mm'Z'}", time.GetUtcNow().ToUnixTimeMilliseconds(), context.CancellationToken);
        }

        var attempt = data.TryGetString(AttemptKey, out var a) && a is { Length: > 0 } ? int.Parse(a, System.Globalization.CultureInfo.InvariantCulture) : 1;
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
            var retry = attempt < options.MaxAttempts && IsTransient(e);
            LogFailed(logger, e, runId, attempt, retry);
            try
            {
                await store.RecordRunErrorAsync(runId, $"attempt {attempt}: {e.Message}", !retry, time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
            }
            catch (Exception record) when (StorageFailures.IsTransient(record))
            {
                // The run stays Running; the retry (or the next start-up) records the outcome.
            }

            if (retry)
            {
                var wait = options.RetryBackoff * Math.Pow(2, attempt - 1);
                await context.Scheduler.ScheduleJob(TriggerBuilder.Create()
                    .ForJob(context.JobDetail.Key)
                    .WithIdentity($"retry-{runId:N}-{attempt + 1}", Group)
                    .UsingJobData(RunIdKey, runId.ToString("D"))
                    .UsingJobData(PayerKey, payer?.Key ?? "")
                    .UsingJobData(AttemptKey, (attempt + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
                    // Quartz fires on its own clock, not the application's (which tests may have moved on).
                    .StartAt(SystemTime.UtcNow() + wait)
                    .Build(), CancellationToken.None);
            }
        }
    }

    /// <summary>The run id of a scheduled firing: the same for a firing and its recovery, different for every firing.</summary>
    public static Guid ScheduledRunId(DateTimeOffset fireTime) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"payout-schedule:{fireTime.ToUnixTimeMilliseconds()}")).AsSpan(0, 16));

    private static bool IsTransient(Exception e) => StorageFailures.IsTransient(e) || e is IOException or HttpRequestException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Payout run {RunId} completed: {Entries} ledger rows for {Claims} claims")]
    private static partial void LogCompleted(ILogger logger, Guid runId, int entries, int claims);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payout run {RunId} attempt {Attempt} failed; retrying: {Retry}")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid runId, int attempt, bool retry);
}
