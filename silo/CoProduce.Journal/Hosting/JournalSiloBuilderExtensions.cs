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
        var target = StorageTarget.From(storage);
        var services = builder.Services;
        services.AddSingleton(storage);
        services.AddSingleton<IGrainStorage>(provider => target.CreateStorage(provider.GetService<TimeProvider>()));
        // The same database for the domain's own tables (payments) beside the grains'.
        services.AddSingleton(_ => target.CreateDatabase());
        services.AddSingleton<JsonStateSerializer>();
        services.AddSingleton<GrainEventStream>();
        services.AddSingleton<IGrainEventStream>(provider => provider.GetRequiredService<GrainEventStream>());
        services.AddSingleton<IAttributeToFactoryMapper<JournaledStateAttribute>, JournaledStateMapper>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, JournalMigration>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: ["ready"]);
        builder.AddIncomingGrainCallFilter<JournalCallFilter>();
        return builder;
    }
}
