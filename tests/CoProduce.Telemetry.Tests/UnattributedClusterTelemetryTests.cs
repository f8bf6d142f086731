using CoProduce.OrleansStorage.Tests.Hosting;
using CoProduce.Telemetry.Tests.Grains;
using CoProduce.Telemetry.Tests.Hosting;
using CoProduce.Testing;
using CoProduce.Testing.Processes;
using CoProduce.Testing.Telemetry;

namespace CoProduce.Telemetry.Tests;

/// <summary>
/// Two silos on PostgreSQL, composed as the hosts compose them, export Orleans' spans, metrics and logs to a real
/// OTLP/HTTP receiver. A person-keyed grain called inside an <see cref="Unattributed"/> scope calls a second
/// person-keyed grain on the other silo: no export may hold that person's id, while the same calls made outside a
/// scope, for someone else, do show their id to the same receiver.
/// </summary>
[Collection(TelemetryExportCollection.Name)]
public sealed class UnattributedClusterTelemetryTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task NoExportFromEitherSiloNamesThePersonWhoseCallWasUnattributed()
    {
        await OrleansStore.ForPostgres(database).MigrateAsync();
        await using var receiver = await OtlpReceiver.StartAsync();
        var clusterId = $"telemetry-{Guid.NewGuid():N}";
        var (named, anonymous) = (Guid.NewGuid(), Guid.NewGuid());

        await using (var first = await TelemetryNode.StartAsync(Settings(receiver, clusterId)))
        await using (var second = await TelemetryNode.StartAsync(Settings(receiver, clusterId)))
        {
            await Eventually.Until(
                () => Task.FromResult(first.Membership.CurrentSnapshot),
                snapshot => snapshot.Members.Values.Count(member => member.Status == SiloStatus.Active) == 2,
                TimeSpan.FromSeconds(60),
                "two active members");

            // Until each silo knows the other's grain types, placement can only choose the caller's own silo.
            await Eventually.Until(
                () => first.Grains.GetGrain<IPersonRelayGrain>(Guid.NewGuid()).Relay(),
                silos => silos.Relay != silos.Echo,
                TimeSpan.FromSeconds(60),
                "a relay whose echo runs on the other silo");

            var control = await first.Grains.GetGrain<IPersonRelayGrain>(named).Relay();
            RelayedSilos unattributed;
            using (Unattributed.Begin())
            {
                unattributed = await first.Grains.GetGrain<IPersonRelayGrain>(anonymous).Relay();
            }

            Assert.NotEqual(control.Relay, control.Echo);
            Assert.NotEqual(unattributed.Relay, unattributed.Echo);

            // The control's id reaching the receiver shows the search below finds an id where there is one.
            await receiver.WaitUntil(
                r => r.Received("traces").Any(t => t.Contains(named.ToString("N"), StringComparison.OrdinalIgnoreCase)),
                TimeSpan.FromSeconds(60),
                () => $"the control's id in a span; received {string.Join(", ", receiver.Signals)}");
        }

        // Disposing the nodes flushed what was left: the unattributed calls' spans were exported, ids withheld.
        Assert.Contains(receiver.Received("traces"), t => t.Contains(Unattributed.Withheld, StringComparison.Ordinal));
        Assert.Contains(receiver.Received("traces"), t => t.Contains("IPersonEchoGrain", StringComparison.Ordinal));
        Assert.NotEmpty(receiver.Received("logs"));
        Assert.NotEmpty(receiver.Received("metrics"));
        foreach (var form in new[] { anonymous.ToString("N"), anonymous.ToString("D") })
        {
            var leak = receiver.All.FirstOrDefault(e => e.Contains(form, StringComparison.OrdinalIgnoreCase));
            Assert.True(leak is null, $"An export names the unattributed person: ...{Around(leak, form)}...");
        }
    }

    private Dictionary<string, string?> Settings(OtlpReceiver receiver, string clusterId) => new(database.StorageSettings)
    {
        ["CoProduce:Cluster:ServiceId"] = "coproduce-telemetry-tests",
        ["CoProduce:Cluster:ClusterId"] = clusterId,
        ["CoProduce:Cluster:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CoProduce:Cluster:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CoProduce:Telemetry:OtlpEndpoint"] = receiver.Endpoint.ToString(),
        ["CoProduce:Telemetry:OtlpProtocol"] = "http/protobuf",
    };

    private static string Around(string? export, string form)
    {
        if (export is null)
        {
            return "";
        }

        var at = export.IndexOf(form, StringComparison.OrdinalIgnoreCase);
        var start = Math.Max(0, at - 300);
        return new string([.. export[start..Math.Min(export.Length, at + 100)].Select(c => char.IsControl(c) ? ' ' : c)]);
    }
}

/// <summary>Spans are listened to process-wide: while these run no other test of this project may add its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryExportCollection
{
    public const string Name = "Telemetry export";
}
