using CoProduce.Clustering.Tests.Hosting;
using CoProduce.OrleansStorage.Tests.Hosting;
using CoProduce.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CoProduce.Clustering.Tests;

/// <summary>Embedded mode: one silo, localhost clustering, grain state and reminders in the migrated SQLite file.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EmbeddedClusterTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    private string DatabaseFile => Path.Combine(_database.StorageSettings["CoProduce:Storage:DataDirectory"]!, "coproduce.db");

    [Fact]
    public async Task EmbeddedSiloIsReadyAndKeepsGrainStateAndRemindersInTheSqliteFile()
    {
        var store = OrleansStore.ForSqlite(DatabaseFile);
        await store.MigrateAsync();
        var settings = ClusterSettings.For(_database.StorageSettings, "embedded");
        var key = Guid.NewGuid();

        await using (var node = await ClusterNode.StartAsync(settings))
        {
            var health = await ReadinessAsync(node);
            Assert.Equal(HealthStatus.Healthy, health.Status);

            var probe = node.Probe(key);
            await probe.Write(42);
            await probe.Remind(TimeSpan.FromSeconds(1));
            await Eventually.Until(probe.StoredTicks, ticks => ticks >= 1, TimeSpan.FromSeconds(60), "a reminder tick in storage");

            await node.StopAsync();
            var stopped = await ReadinessAsync(node);
            Assert.Equal(HealthStatus.Unhealthy, stopped.Status);
        }

        // A new silo on the same file reads what the first one wrote, under the pinned service id.
        await using (var again = await ClusterNode.StartAsync(settings))
        {
            Assert.Equal(42, await again.Probe(key).StoredValue());
            Assert.True(await again.Probe(key).StoredTicks() >= 1);
        }

        await using var connection = await store.OpenAsync();
        Assert.Equal(1L, await ScalarAsync(connection, $"SELECT COUNT(*) FROM OrleansStorage WHERE ServiceId = '{ClusterSettings.ServiceId}'"));
        Assert.Equal(1L, await ScalarAsync(connection, $"SELECT COUNT(*) FROM OrleansRemindersTable WHERE ServiceId = '{ClusterSettings.ServiceId}'"));
    }

    private static async Task<HealthReport> ReadinessAsync(ClusterNode node) =>
        await node.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(check => check.Tags.Contains(ClusterSiloBuilderExtensions.ReadyTag));

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public void Dispose() => _database.Dispose();
}
