using CoProduce.Journal.Storage;
using CoProduce.Runtime.Activations;
using CoProduce.Runtime.Dispatch;
using CoProduce.Runtime.Events;
using CoProduce.Runtime.Grains;
using CoProduce.Runtime.Notices;
using CoProduce.Runtime.Reminders;
using CoProduce.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CoProduce.Runtime.Hosting;

/// <summary>Adds the grain runtime (a silo) to a host.</summary>
public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Adds a silo configured from <c>CoProduce:Storage</c>, <c>CoProduce:Runtime</c> and
    /// <c>CoProduce:Reminders</c>. Storage settings are checked now, so a bad one stops start-up.
    /// </summary>
    public static IHostApplicationBuilder AddCoProduceSilo(this IHostApplicationBuilder builder, Action<SiloBuilder>? configure = null)
    {
        builder.Services.AddCoProduceSilo(builder.Configuration, configure);
        builder.AddCoProduceTelemetry();
        return builder;
    }

    public static IServiceCollection AddCoProduceSilo(this IServiceCollection services, IConfiguration configuration, Action<SiloBuilder>? configure = null)
    {
        var silo = new SiloBuilder(services, configuration);
        configure?.Invoke(silo);
        services.AddGrainStorage(configuration);
        services.AddOptions<GrainRuntimeOptions>().Bind(configuration.GetSection(GrainRuntimeOptions.SectionName));

        // The host's own shutdown deadline (Kestrel draining connections, SignalR closing them, the silo
        // deactivating grains) is the configured one, so an orchestrator's grace period can be set above it.
        services.AddOptions<HostOptions>().Configure<IOptions<GrainRuntimeOptions>>((host, runtime) => host.ShutdownTimeout = runtime.Value.ShutdownTimeout);
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection(ReminderOptions.SectionName));
        services.AddSingleton(new GrainRegistry(silo.GrainAssemblies));
        services.AddSingleton<GrainEventStream>();
        services.AddSingleton<IGrainEventStream>(sp => sp.GetRequiredService<GrainEventStream>());
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddSingleton(sp => new ReminderService(
            sp.GetRequiredService<GrainRuntime>(),
            sp.GetRequiredService<IGrainStorage>(),
            sp.GetRequiredService<IOptions<ReminderOptions>>().Value,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ReminderService>>()));
        services.AddHostedService<SiloHostedService>();
        services.AddClusterNotices(configuration);
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);
        return services;
    }
}
