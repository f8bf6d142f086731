using CoProduce.Journal.Storage;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CoProduce.Grains.Jobs;

/// <summary>
/// Hangfire on every node: its storage, a client to enqueue and schedule jobs, the recurring-job manager and a
/// server that runs them. Each host gets its own instances (not Hangfire's process-wide <c>JobStorage.Current</c>,
/// activator and log provider, which AddHangfire sets): two hosts in one process (tests, a host restarted in place)
/// never run each other's jobs through a stopped host's services.
/// </summary>
public static class JobsServiceCollectionExtensions
{
    public static IServiceCollection AddCoProduceJobs(this IServiceCollection services)
    {
        // A bad value stops start-up naming the setting.
        services.AddOptions<JobsOptions>()
            .BindConfiguration(JobsOptions.SectionName)
            .Validate(o => o.WorkerCount > 0, JobsOptions.Broken(nameof(JobsOptions.WorkerCount), "at least 1"))
            .Validate(o => o.PollInterval > TimeSpan.Zero, JobsOptions.Broken(nameof(JobsOptions.PollInterval), "longer than zero"))
            .Validate(o => o.InvisibilityTimeout >= TimeSpan.FromSeconds(1), JobsOptions.Broken(nameof(JobsOptions.InvisibilityTimeout), "at least one second"))
            .ValidateOnStart();
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<JobsOptions>>().Value);
        services.TryAddSingleton(provider => JobStorageFactory.Create(provider.GetRequiredService<StorageOptions>(), provider.GetRequiredService<JobsOptions>()));
        services.TryAddSingleton<IBackgroundJobClient>(provider => new BackgroundJobClient(provider.GetRequiredService<JobStorage>()));
        services.TryAddSingleton<IRecurringJobManager>(provider => new RecurringJobManager(provider.GetRequiredService<JobStorage>()));

        // What Hangfire's dashboard looks up in the container (the marker that AddHangfire would register, and the
        // routes), without AddHangfire's process-wide configuration.
        services.TryAddSingleton<IGlobalConfiguration>(_ => GlobalConfiguration.Configuration);
        services.TryAddSingleton(_ => DashboardRoutes.Routes);

        services.AddSingleton<IHostedService>(provider => new BackgroundJobServerHostedService(
            provider.GetRequiredService<JobStorage>(),
            new BackgroundJobServerOptions
            {
                WorkerCount = provider.GetRequiredService<JobsOptions>().WorkerCount,
                SchedulePollingInterval = provider.GetRequiredService<JobsOptions>().PollInterval,
                Activator = new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()),
            },
            [],
            provider.GetService<IHostApplicationLifetime>()));
        return services;
    }
}
