using System.Collections.Specialized;
using System.Globalization;
using CoProduce.Grains.Common;
using CoProduce.Grains.Payments.Storage;
using CoProduce.Journal.Storage;
using Microsoft.Extensions.DependencyInjection;
using Quartz.Impl;
using Quartz;

namespace CoProduce.Grains.Payments.Payouts;

/// <summary>
/// The Quartz scheduler of payout runs. On PostgreSQL it is clustered on the shared database (ADO job store), so
/// one node fires each run and a run in progress on a node that dies is recovered by another; on SQLite (embedded,
/// one node) it keeps jobs in memory, and runs left unfinished are resumed from cp_pay_runs at start-up.
/// </summary>
public sealed class PayoutScheduler(PaymentStore store, StorageOptions storage, PaymentsOptions options, TimeProvider time)
{
    public const string ScheduleJobName = "payout-schedule";

    private IScheduler? _scheduler;
    private Microsoft.Extensions.Logging.ILoggerFactory? _loggers;

    public bool Clustered => store.IsPostgres;

    internal async Task StartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        _loggers = services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>();
        QuartzLogging.Attach(_loggers);
        var factory = new StdSchedulerFactory(Properties());
        var scheduler = await factory.GetScheduler(cancellationToken);
        scheduler.JobFactory = new ServiceJobFactory(services);
        await scheduler.Start(cancellationToken);
        _scheduler = scheduler;

        var schedule = JobBuilder.Create<PayoutJob>().WithIdentity(ScheduleJobName, PayoutJob.Group).RequestRecovery().StoreDurably().Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(ScheduleJobName, PayoutJob.Group)
            .WithCronSchedule(options.Schedule, cron => cron.InTimeZone(TimeZoneInfo.Utc).WithMisfireHandlingInstructionFireAndProceed())
            .Build();
        await scheduler.ScheduleJob(schedule, [trigger], replace: true, cancellationToken);

        // Runs that were cut short or whose export failed, and that no scheduler holds any more (the in-memory store
        // after a restart), are resumed now; a clustered store recovers its own and still holds them.
        foreach (var run in await store.UnfinishedRunsAsync(cancellationToken))
        {
            if (!await scheduler.CheckExists(RunJobKey(run.Id), cancellationToken))
            {
                await ScheduleRunAsync(scheduler, run.Id, run.Payer, run.Attempts + 1, SystemTime.UtcNow(), cancellationToken);
            }
        }
    }

    internal async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is { } scheduler)
        {
            await scheduler.Shutdown(waitForJobsToComplete: false, cancellationToken);
        }

        if (_loggers is { } loggers)
        {
            QuartzLogging.Detach(loggers);
        }
    }

    /// <summary>Records a run for the payer and has it start now in the background.</summary>
    public async Task<PayoutRunView> StartNowAsync(PayerRef? payer, string trigger, CancellationToken cancellationToken)
    {
        if (_scheduler is null)
        {
            throw DomainException.Conflict("Payouts are not running on this node yet; try again in a moment.");
        }

        var runId = Guid.NewGuid();
        await store.CreateRunAsync(runId, payer, trigger, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        var view = await store.GetRunAsync(runId, cancellationToken);
        await ScheduleRunAsync(_scheduler, runId, payer, 1, SystemTime.UtcNow(), cancellationToken);
        return view!;
    }

    /// <summary>
    /// An operator's retry: a run that has not handed its instruction over is tried again now, whatever wait its
    /// automatic retry was on. A completed run is not run again (409).
    /// </summary>
    public async Task<PayoutRunView> RetryNowAsync(PayoutRunView run, CancellationToken cancellationToken)
    {
        if (_scheduler is null)
        {
            throw DomainException.Conflict("Payouts are not running on this node yet; try again in a moment.");
        }

        if (run.Status == PayoutRunStatus.Completed)
        {
            throw DomainException.Conflict("This payout run has handed its instruction over already; there is nothing to retry.");
        }

        await ScheduleRunAsync(_scheduler, run.Id, run.Payer, run.Attempts + 1, SystemTime.UtcNow(), cancellationToken);
        return run;
    }

    /// <summary>Fires the run's job at <paramref name="at"/> as attempt <paramref name="attempt"/>; the job is made if no scheduler holds it.</summary>
    internal static async Task ScheduleRunAsync(IScheduler scheduler, Guid runId, PayerRef? payer, int attempt, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Each firing has a trigger of its own: an operator's retry never collides with a pending automatic one, and
        // the job refuses to run twice at once (DisallowConcurrentExecution).
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"run-{runId:N}-{attempt}-{Guid.NewGuid():N}", PayoutJob.Group)
            .ForJob(RunJobKey(runId))
            .UsingJobData(PayoutJob.AttemptKey, attempt.ToString(CultureInfo.InvariantCulture))
            .StartAt(at)
            .Build();
        var job = JobBuilder.Create<PayoutJob>()
            .WithIdentity(RunJobKey(runId))
            .UsingJobData(PayoutJob.RunIdKey, runId.ToString("D"))
            .UsingJobData(PayoutJob.PayerKey, payer?.Key ?? "")
            .RequestRecovery()
            .Build();

        // The job may appear (another retry) or go (its last firing ended) between the check and the write: try again.
        for (var tries = 1; ; tries++)
        {
            try
            {
                if (await scheduler.CheckExists(job.Key, cancellationToken))
                {
                    await scheduler.ScheduleJob(trigger, cancellationToken);
                }
                else
                {
                    await scheduler.ScheduleJob(job, trigger, cancellationToken);
                }

                return;
            }
            catch (SchedulerException) when (tries < 3)
            {
            }
        }
    }

    private static JobKey RunJobKey(Guid runId) => new($"run-{runId:N}", PayoutJob.Group);

    /// <summary>
    /// Quartz keeps schedulers in a process-wide registry by name, and a clustered scheduler's name is its key in the
    /// shared tables: every node on one database shares the name, and two hosts in one process (tests) on different
    /// databases, or in memory, never do.
    /// </summary>
    private string SchedulerName() => Clustered
        ? $"coproduce-payments-{new Npgsql.NpgsqlConnectionStringBuilder(storage.ConnectionString).Database}"
        : $"coproduce-payments-{Guid.NewGuid():N}";

    private NameValueCollection Properties()
    {
        var name = SchedulerName();
        var properties = new NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = name,
            ["quartz.threadPool.maxConcurrency"] = "2",
            ["quartz.serializer.type"] = typeof(StringMapSerializer).AssemblyQualifiedName,
        };
        if (!Clustered)
        {
            properties["quartz.jobStore.type"] = "Quartz.Simpl.RAMJobStore, Quartz";
            return properties;
        }

        properties["quartz.scheduler.instanceId"] = "AUTO";
        properties["quartz.jobStore.type"] = "Quartz.Impl.AdoJobStore.JobStoreTX, Quartz";
        properties["quartz.jobStore.driverDelegateType"] = "Quartz.Impl.AdoJobStore.PostgreSQLDelegate, Quartz";
        // Quartz also keeps data sources in a process-wide registry by name: one per scheduler.
        properties["quartz.jobStore.dataSource"] = name;
        properties["quartz.jobStore.tablePrefix"] = "qrtz_";
        properties["quartz.jobStore.clustered"] = "true";
        properties["quartz.jobStore.useProperties"] = "true";
        properties["quartz.jobStore.clusterCheckinInterval"] =
            ((long)options.ClusterCheckinInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        properties[$"quartz.dataSource.{name}.provider"] = "Npgsql";
        properties[$"quartz.dataSource.{name}.connectionString"] = storage.ConnectionString;
        return properties;
    }
}
