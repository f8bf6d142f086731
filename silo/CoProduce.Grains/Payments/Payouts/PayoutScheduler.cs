using CoProduce.Grains.Common;
using CoProduce.Grains.Payments.Storage;
using Hangfire;
using Hangfire.States;

namespace CoProduce.Grains.Payments.Payouts;

/// <summary>
/// Starts payout runs as Hangfire jobs, on the jobs storage every node shares (PostgreSQL) or the embedded one
/// (SQLite): a run is recorded in cp_pay_runs, then enqueued, and the job's id kept with the run; whichever node's
/// server takes the job first runs it, and a job whose node died is taken again by another once its invisibility
/// timeout passes (docs/payments.md).
/// </summary>
public sealed class PayoutScheduler(PaymentStore store, PaymentsOptions options, JobStorage jobStorage, IBackgroundJobClient jobs, IRecurringJobManager recurring, TimeProvider time)
{
    private static readonly HashSet<string> LiveStates =
        [EnqueuedState.StateName, ProcessingState.StateName, ScheduledState.StateName, AwaitingState.StateName];

    /// <summary>
    /// Registers (or updates) the scheduled payout as a recurring job (every node does, alike), and gives a new job to
    /// every unfinished run whose job is gone (runs from before Hangfire, a job deleted from the dashboard).
    /// </summary>
    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<PayoutJob>(
            PayoutJob.ScheduleJobId,
            job => job.StartScheduledRunsAsync(null, CancellationToken.None),
            options.Schedule,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });

        using var connection = jobStorage.GetConnection();
        foreach (var (runId, payer, jobId) in await store.UnfinishedRunsAsync(cancellationToken))
        {
            if (jobId is null || connection.GetStateData(jobId)?.Name is not { } state || !LiveStates.Contains(state))
            {
                await EnqueueAsync(runId, payer, cancellationToken);
            }
        }
    }

    /// <summary>Records a run for the payer and has it start now in the background.</summary>
    public async Task<PayoutRunView> StartNowAsync(PayerRef? payer, string trigger, CancellationToken cancellationToken)
    {
        var runId = Guid.NewGuid();
        await store.CreateRunAsync(runId, payer, trigger, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        var view = await store.GetRunAsync(runId, cancellationToken);
        await EnqueueAsync(runId, payer, cancellationToken);
        return view!;
    }

    /// <summary>
    /// An operator's retry: a run that has not handed its instruction over is tried again now, whatever wait its
    /// automatic retry was on (that job still runs later, and finds the run finished or finishes it). A completed run
    /// is not run again (409).
    /// </summary>
    public async Task<PayoutRunView> RetryNowAsync(PayoutRunView run, CancellationToken cancellationToken)
    {
        if (run.Status == PayoutRunStatus.Completed)
        {
            throw DomainException.Conflict("This payout run has handed its instruction over already; there is nothing to retry.");
        }

        await EnqueueAsync(run.Id, run.Payer, cancellationToken);
        return run;
    }

    /// <summary>Has a run start (or start again) now, on whichever node takes it first.</summary>
    internal async Task EnqueueAsync(Guid runId, PayerRef? payer, CancellationToken cancellationToken)
    {
        var payerKey = payer?.Key;
        var jobId = jobs.Enqueue<PayoutJob>(job => job.RunAsync(runId, payerKey, CancellationToken.None));
        await store.SetRunJobAsync(runId, jobId, cancellationToken);
    }
}
