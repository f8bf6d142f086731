using CoProduce.Journal.Storage;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CoProduce.Grains.Jobs;

/// <summary>
/// Hangfire on every node: its storage, a client to enqueue and schedule jobs, the recurring-job manager and a
/// server that runs them. Each host gets its own instances (not Hangfire's process-wide <c>JobStorage.Current</c>,
/// activator and log provider, which AddHangfire sets): two hosts in one process (tests, a host restarted in place)
/// never run each other's jobs through a stopped host's services.
/// </summary>
public static class JobsServiceCollectionExtensions
{
    public static IServiceCollection AddCoProduceJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = JobsOptions.FromConfiguration(configuration);
        services.TryAddSingleton(options);
        services.TryAddSingleton(provider => JobStorageFactory.Create(provider.GetRequiredService<StorageOptions>(), options));
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
                WorkerCount = options.WorkerCount,
                SchedulePollingInterval = options.PollInterval,
                Activator = new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()),
            },
            [],
            provider.GetService<IHostApplicationLifetime>()));
        return services;
    }
}
