using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CoProduce.Clustering;
using CoProduce.Journal.Hosting;
using CoProduce.Journal.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoProduce.Benchmarks.OrleansRuntime;

/// <summary>
/// One real Orleans silo in this process, composed as the product's node will be: AddCoProduceCluster on the
/// given storage settings (SQLite: embedded; PostgreSQL: membership in the database) and, unless asked for a
/// bare silo, AddCoProduceJournal (the [JournaledState] facet, its storage and the journal call filter).
/// Calls go through <see cref="Grains"/>, the host's own client, as the gateway's will.
/// </summary>
public sealed class BenchOrleansSilo : IDisposable
{
    private readonly IHost _host;
    private readonly string? _folder;

    private BenchOrleansSilo(IReadOnlyDictionary<string, string?> storage, bool withJournal, string? folder)
    {
        _folder = folder;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(storage);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Free ports, so a silo that is still letting go of its sockets never blocks the next case's.
            ["CoProduce:Cluster:SiloPort"] = FreePort(),
            ["CoProduce:Cluster:GatewayPort"] = FreePort(),
            ["CoProduce:Cluster:ShutdownTimeout"] = "00:00:10",
        });
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.AddCoProduceCluster(builder.Configuration);
            if (withJournal)
            {
                silo.AddCoProduceJournal(builder.Configuration);
            }
        });
        _host = builder.Build();

        // The cluster's providers expect a migrated database; the journal would migrate it only as the silo starts.
        using (var migration = StorageTarget.From(StorageOptions.FromConfiguration(builder.Configuration)).CreateStorage(null))
        {
            migration.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        _host.Start();
    }

    public Orleans.IGrainFactory Grains => _host.Services.GetRequiredService<Orleans.IGrainFactory>();

    /// <summary>A silo on a throwaway SQLite folder (embedded clustering); the calls measured never touch storage.</summary>
    public static BenchOrleansSilo OnSqlite(bool withJournal)
    {
        var folder = Directory.CreateTempSubdirectory("coproduce-orleans-bench-").FullName;
        return new BenchOrleansSilo(
            new Dictionary<string, string?>
            {
                [Key(nameof(StorageOptions.Provider))] = StorageOptions.SqliteProvider,
                [Key(nameof(StorageOptions.DataDirectory))] = folder,
            },
            withJournal,
            folder);
    }

    /// <summary>A silo with the journal on a PostgreSQL database (membership, state and journal all there).</summary>
    public static BenchOrleansSilo OnPostgres(string connectionString) => new(
        new Dictionary<string, string?>
        {
            [Key(nameof(StorageOptions.Provider))] = StorageOptions.PostgreSqlProvider,
            [Key(nameof(StorageOptions.ConnectionString))] = connectionString,
        },
        withJournal: true,
        folder: null);

    public void Dispose()
    {
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static string Key(string setting) => $"{StorageOptions.SectionName}:{setting}";

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
