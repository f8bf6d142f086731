using CoProduce.OrleansStorage.Tests.Grains;
using CoProduce.OrleansStorage.Tests.Hosting;
using CoProduce.Testing;

namespace CoProduce.OrleansStorage.Tests;

/// <summary>
/// Production mode: PostgreSQL (a fresh database for this class, on the server scripts/test.sh starts) for grain
/// state, reminders and membership.
/// </summary>
public sealed class PostgresOrleansProviderTests(PostgresDatabase database) : OrleansProviderTests, IClassFixture<PostgresDatabase>
{
    protected override OrleansStore Store { get; } = OrleansStore.ForPostgres(database);

    protected override IReadOnlySet<string> ExpectedQueryKeys { get; } = StateAndReminderKeys.Concat(ClusteringKeys).ToHashSet();

    [Fact]
    public async Task TwoSilosJoinOneClusterAndShareOneActivation()
    {
        await Store.MigrateAsync();
        var clusterId = $"cluster-{Guid.NewGuid():N}";
        await using var first = await ProbeSilo.StartClusteredAsync(Store, "first", clusterId);
        await using var second = await ProbeSilo.StartClusteredAsync(Store, "second", clusterId);

        foreach (var silo in new[] { first, second })
        {
            await Eventually.Until(
                () => silo.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true),
                hosts => hosts.Count == 2 && hosts.Values.All(status => status == SiloStatus.Active),
                TimeSpan.FromSeconds(60),
                "two active members");
        }

        // Both found each other through the membership table, not some other channel.
        await using (var connection = await Store.OpenAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = @cluster AND Status = 3";
            Contract.Sql.Add(command, "cluster", clusterId, System.Data.DbType.String);
            Assert.Equal(2L, await command.ExecuteScalarAsync());
        }

        var key = Guid.NewGuid();
        var throughFirst = await first.Grains.GetGrain<IProbeGrain>(key).Activation();
        var throughSecond = await second.Grains.GetGrain<IProbeGrain>(key).Activation();
        Assert.Equal(throughFirst, throughSecond);
    }
}
