using CoProduce.Journal.Events;
using CoProduce.Journal.State;
using CoProduce.Journal.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;

namespace CoProduce.Journal.Hosting;

/// <summary>Registers the journal: [JournaledState] facets, their storage, the event stream and the call filter.</summary>
public static class JournalSiloBuilderExtensions
{
    /// <summary>The journal on the database named by configuration section <c>CoProduce:Storage</c>.</summary>
    public static ISiloBuilder AddCoProduceJournal(this ISiloBuilder builder, IConfiguration configuration) =>
        builder.AddCoProduceJournal(StorageOptions.FromConfiguration(configuration));

    /// <summary>
    /// The journal on SQLite or PostgreSQL as <paramref name="storage"/> says. The settings are validated
    /// now (a <see cref="StorageConfigurationException"/> names a bad one); the tables are migrated when the
    /// silo starts. Registers <see cref="IGrainEventStream"/>, <see cref="JsonStateSerializer"/> and the storage
    /// health check (tag <c>ready</c>).
    /// </summary>
    public static ISiloBuilder AddCoProduceJournal(this ISiloBuilder builder, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(storage);
        var services = builder.Services;
        services.AddJournalStorage(storage);
        services.AddSingleton<JsonStateSerializer>();
        services.AddSingleton<GrainEventStream>();
        services.AddSingleton<IGrainEventStream>(provider => provider.GetRequiredService<GrainEventStream>());
        services.AddSingleton<IAttributeToFactoryMapper<JournaledStateAttribute>, JournaledStateMapper>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, JournalMigration>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);
        builder.AddIncomingGrainCallFilter<JournalCallFilter>();
        return builder;
    }

    /// <summary>
    /// The storage alone, without a silo (the <c>migrate</c> command): <see cref="StorageOptions"/>, <see cref="IGrainStorage"/>
    /// and the <see cref="RelationalDatabase"/> the domain's own tables (payments) live in beside the grains'. The settings
    /// are validated now.
    /// </summary>
    public static IServiceCollection AddJournalStorage(this IServiceCollection services, IConfiguration configuration) =>
        services.AddJournalStorage(StorageOptions.FromConfiguration(configuration));

    private static IServiceCollection AddJournalStorage(this IServiceCollection services, StorageOptions storage)
    {
        var target = StorageTarget.From(storage);
        services.AddSingleton(storage);
        services.AddSingleton<IGrainStorage>(provider => target.CreateStorage(provider.GetService<TimeProvider>()));
        services.AddSingleton(_ => target.CreateDatabase());
        return services;
    }
}
