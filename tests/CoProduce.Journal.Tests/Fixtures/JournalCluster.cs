using CoProduce.Journal.Events;
using CoProduce.Journal.Hosting;
using CoProduce.Journal.Storage;
using CoProduce.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CoProduce.Journal.Tests.Fixtures;

/// <summary>Two in-process silos with the journal on the test's database, each silo's storage wrapped in a <see cref="TestStorage"/>.</summary>
public sealed class JournalCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;

    private JournalCluster(InProcessTestCluster cluster) => _cluster = cluster;

    public IClusterClient Client => _cluster.Client;

    public IReadOnlyList<TestStorage> Storages =>
        [.. _cluster.Silos.Select(s => (TestStorage)s.ServiceProvider.GetRequiredService<IGrainStorage>())];

    public IReadOnlyList<IGrainEventStream> EventStreams =>
        [.. _cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<IGrainEventStream>())];

    public int StateWrites => Storages.Sum(s => s.StateWrites);

    public static async Task<JournalCluster> StartAsync(ITestDatabase database)
    {
        var storage = StorageOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(database.StorageSettings).Build());
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddCoProduceJournal(storage);
            var real = silo.Services.Last(d => d.ServiceType == typeof(IGrainStorage));
            silo.Services.Remove(real);
            silo.Services.AddSingleton<IGrainStorage>(provider => new TestStorage((IGrainStorage)real.ImplementationFactory!(provider)));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new JournalCluster(cluster);
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
