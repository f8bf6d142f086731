using System.Text.Json;
using CoProduce.Clustering;
using CoProduce.Grains.Common;
using CoProduce.Grains.Live;
using CoProduce.Journal.Events;
using CoProduce.Journal.Hosting;
using CoProduce.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace CoProduce.Grains.Tests.Cluster;

/// <summary>
/// The domain's real grains on a test cluster of two in-process silos, each composed as the hosts compose theirs
/// (the cluster's storage and reminders, the journal, the grains, the live contracts' serializer) on one test database
/// (<see cref="SqliteDomainCluster"/>, <see cref="PostgresDomainCluster"/>); only membership and transport are the test
/// cluster's, each silo's journal storage can be told to fail a write (<see cref="Faults"/>), and the silos' clock can be
/// moved on (<see cref="Clock"/>). Started once for each collection.
/// </summary>
public abstract class DomainCluster(ITestDatabase database) : IAsyncLifetime, IDisposable
{
    /// <summary>A fixed anonymity key, so both silos file anonymous ballots under the same keys.</summary>
    private const string TestAnonymityKey = "Y29wcm9kdWNlLXRlc3QtYW5vbnltaXR5LWtleS0zMiEhIQ==";

    private InProcessTestCluster? _cluster;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public IClusterClient Client => Cluster.Client;

    /// <summary>State writes to fail, on either silo.</summary>
    public StorageFaults Faults { get; } = new();

    /// <summary>The TimeProvider of both silos: the system's clock, moved on by what a test adds.</summary>
    public ShiftedClock Clock { get; } = new();

    /// <summary>The grain factory inside each running silo: a call made through it starts on that silo.</summary>
    public IReadOnlyList<IGrainFactory> Silos =>
        [.. Cluster.GetActiveSilos().Select(s => s.ServiceProvider.GetRequiredService<IGrainFactory>())];

    /// <summary>Orleans' management grain, asked from inside a running silo (the client may be between gateways).</summary>
    public IManagementGrain Management => Silos[0].GetGrain<IManagementGrain>(0);

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(database.StorageSettings)
        {
            [AnonymityKey.Setting] = TestAnonymityKey,
            // Reminders allowed to repeat quickly and read often, so a decision's closing comes back within a test.
            [$"{ClusterSiloBuilderExtensions.RemindersSectionName}:MinimumReminderPeriod"] = "00:00:01",
            [$"{ClusterSiloBuilderExtensions.RemindersSectionName}:RefreshReminderListPeriod"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
        };
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(settings));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(Clock);
            silo.AddCoProduceClusterStorage(silo.Configuration)
                .AddCoProduceJournal(silo.Configuration)
                .AddCoProduceGrains();
            silo.Services.DecorateGrainStorage(storage => new FaultyStorage(storage, Faults));
            silo.Services.AddSerializer(serializer => serializer.AddLiveContracts());
        });
        builder.ConfigureClient(client => client.Services.AddSerializer(serializer => serializer.AddLiveContracts()));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>Every event journalled for one grain, oldest first, read from the database through a silo's event stream.</summary>
    public async Task<IReadOnlyList<GrainEvent>> JournalOf(string grainType, Guid key)
    {
        var stream = Cluster.GetActiveSilos().First().ServiceProvider.GetRequiredService<IGrainEventStream>();
        var journal = new JournalId(grainType, key.ToString("D"));
        var events = new List<GrainEvent>();
        while (true)
        {
            var page = await stream.ReadAsync(journal, events.Count == 0 ? 0 : events[^1].Sequence, 500);
            if (page.Count == 0)
            {
                return events;
            }

            events.AddRange(page);
        }
    }

    /// <summary>The silos holding an activation of <paramref name="grain"/> (one, if single activation holds).</summary>
    public async Task<IReadOnlyList<SiloAddress>> HostsOf(IAddressable grain)
    {
        var id = grain.GetGrainId();
        return [.. (await Management.GetDetailedGrainStatistics()).Where(s => s.GrainId == id).Select(s => s.SiloAddress)];
    }

    /// <summary>Starts silos until two are running again, after a test stopped one, and waits until they know each other.</summary>
    public async Task RestoreTwoSilosAsync()
    {
        while (Cluster.GetActiveSilos().Count() < 2)
        {
            await Cluster.StartAdditionalSiloAsync();
        }

        await Cluster.WaitForLivenessToStabilizeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>After the silos have stopped: the database goes.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            (database as IDisposable)?.Dispose();
        }
    }
}

/// <summary>The domain's grains on a test cluster on a SQLite file.</summary>
public sealed class SqliteDomainCluster() : DomainCluster(new SqliteDatabase());

/// <summary>The domain's grains on a test cluster on a fresh database of the PostgreSQL server scripts/test.sh starts.</summary>
public sealed class PostgresDomainCluster() : DomainCluster(new PostgresDatabase());

/// <summary>
/// The tests sharing one <see cref="SqliteDomainCluster"/>; they run one after another, and not beside the PostgreSQL
/// collection (two clusters at once on two cores starve the thousand votes' set-up past Orleans' call timeout).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SqliteDomainClusterCollection : ICollectionFixture<SqliteDomainCluster>
{
    public const string Name = "Domain grains on a test cluster (SQLite)";
}

/// <summary>
/// The tests sharing one <see cref="PostgresDomainCluster"/>; they run one after another, after the SQLite collection or
/// before it. Those whose outcome depends on the storage (single activation, a failed write, version checks, reminders)
/// run on both; the others on SQLite only.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresDomainClusterCollection : ICollectionFixture<PostgresDomainCluster>
{
    public const string Name = "Domain grains on a test cluster (PostgreSQL)";
}

/// <summary>Reads a member of a journalled event's JSON whatever its casing.</summary>
internal static class EventJson
{
    public static JsonElement Member(this GrainEvent e, string name)
    {
        using var document = JsonDocument.Parse(e.Json);
        foreach (var member in document.RootElement.EnumerateObject())
        {
            if (string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return member.Value.Clone();
            }
        }

        throw new KeyNotFoundException($"{e.Type} has no member {name}: {e.Json}");
    }

    public static bool Is(this GrainEvent e, string eventName) =>
        e.Type == eventName || e.Type.EndsWith("." + eventName, StringComparison.Ordinal);
}
