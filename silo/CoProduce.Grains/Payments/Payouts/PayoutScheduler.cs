using System.Collections.Specialized;
using System.Globalization;
using CoProduce.Grains.Common;
using CoProduce.Grains.Payments.Storage;
using CoProduce.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Quartz.Impl;

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

        // Runs that were cut short and that no scheduler holds any more (the in-memory store after a restart)
        // are resumed; a clustered store recovers its own and still holds them.
        foreach (var run in await store.UnfinishedRunsAsync(cancellationToken))
        {
            if (!await scheduler.CheckExists(RunJobKey(run.Id), cancellationToken))
            {
                await ScheduleRunAsync(run.Id, run.Payer, cancellationToken);
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
        await ScheduleRunAsync(runId, payer, cancellationToken);
        return view!;
    }

    private async Task ScheduleRunAsync(Guid runId, PayerRef? payer, CancellationToken cancellationToken)
    {
        var job = JobBuilder.Create<PayoutJob>()
            .WithIdentity(RunJobKey(runId))
            .UsingJobData(PayoutJob.RunIdKey, runId.ToString("D"))
            .UsingJobData(PayoutJob.PayerKey, payer?.Key ?? "")
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create().WithIdentity($"run-{runId:N}", PayoutJob.Group).StartNow().Build();
        await _scheduler!.ScheduleJob(job, trigger, cancellationToken);
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
