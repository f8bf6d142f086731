using System.Diagnostics;
using System.Globalization;
using CoProduce.Clustering.TestHost;
using CoProduce.Clustering.Tests.Hosting;
using CoProduce.OrleansStorage.Tests.Hosting;
using CoProduce.Testing;
using CoProduce.Testing.Processes;
using Xunit.Abstractions;

namespace CoProduce.Clustering.Tests;

/// <summary>
/// Production mode on a fresh PostgreSQL database: an in-process node and a node in its own process form one cluster
/// through the membership table; the second is then SIGKILLed and the survivor must declare it dead within 10 s.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresClusterTests(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    private static readonly TimeSpan DeadWithin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task KilledSiloIsDeclaredDeadWithinTenSecondsAndItsGrainComesBackOnTheSurvivor()
    {
        await OrleansStore.ForPostgres(database).MigrateAsync();
        var clusterId = $"cluster-{Guid.NewGuid():N}";
        await using var survivor = await ClusterNode.StartAsync(ClusterSettings.For(database.StorageSettings, clusterId));

        var victimPort = FreePort.Next();
        var probeKey = Guid.NewGuid();
        var victimSettings = ClusterSettings.For(database.StorageSettings, clusterId, victimPort, FreePort.Next());
        victimSettings["ClusterTestHost:ProbeKey"] = probeKey.ToString();
        victimSettings["ClusterTestHost:ProbeValue"] = "7";
        victimSettings["Logging:LogLevel:Default"] = "Warning";
        await using var victim = NodeProcess.Start(
            "victim",
            BuildOutput.AssemblyOf("tests/CoProduce.Clustering.TestHost"),
            [],
            victimSettings.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value ?? ""));
        await victim.WaitForOutputAsync(TestHostOutput.Ready, TimeSpan.FromSeconds(120));

        await Eventually.Until(
            () => Task.FromResult(survivor.Membership.CurrentSnapshot),
            snapshot => snapshot.Members.Values.Count(member => member.Status == SiloStatus.Active) == 2,
            TimeSpan.FromSeconds(60),
            "two active members seen by the survivor");

        var probe = survivor.Probe(probeKey);
        Assert.EndsWith(victimPort.ToString(CultureInfo.InvariantCulture), HostAndPort(await probe.Silo()), StringComparison.Ordinal);

        await victim.KillAsync();
        var sinceKill = Stopwatch.StartNew();
        await Eventually.Until(
            () => Task.FromResult(VictimStatus(survivor, victimPort)),
            status => status == SiloStatus.Dead,
            TimeSpan.FromSeconds(60),
            "the killed silo declared dead");
        sinceKill.Stop();
        output.WriteLine($"Killed silo declared Dead by the survivor after {sinceKill.Elapsed.TotalSeconds:F1} s (limit {DeadWithin.TotalSeconds} s).");
        Assert.True(sinceKill.Elapsed < DeadWithin, $"Dead after {sinceKill.Elapsed.TotalSeconds:F1} s; the limit is {DeadWithin.TotalSeconds} s.");

        // The grain that lived on the killed silo is activated again on the survivor, with its stored state.
        Assert.Equal(HostAndPort(survivor.Address.ToString()), HostAndPort(await probe.Silo()));
        Assert.Equal(7, await probe.StoredValue());
    }

    private static SiloStatus VictimStatus(ClusterNode survivor, int victimPort) =>
        survivor.Membership.CurrentSnapshot.Members.Values
            .Where(member => member.SiloAddress.Endpoint.Port == victimPort)
            .Select(member => member.Status)
            .DefaultIfEmpty(SiloStatus.None)
            .Single();

    // "S127.0.0.1:11111:123456789" → "127.0.0.1:11111" (the generation differs per start).
    private static string HostAndPort(string siloAddress)
    {
        var parts = siloAddress.TrimStart('S').Split(':');
        return $"{parts[0]}:{parts[1]}";
    }
}
