using CoProduce.Runtime.Tests.Fixtures;
using CoProduce.Telemetry;
using CoProduce.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CoProduce.Runtime.Tests.Telemetry;

/// <summary>Settings a deployment relies on: when telemetry is exported, and the host's shutdown deadline.</summary>
public sealed class HostSettingsTests : IClassFixture<SqliteDatabase>
{
    private readonly SqliteDatabase _database;

    public HostSettingsTests(SqliteDatabase database) => _database = database;

    [Fact]
    public async Task NothingIsExportedUnlessAnOtlpEndpointIsConfigured()
    {
        await using (var plain = await TestSilo.StartAsync(_database))
        {
            Assert.Null(plain.Services.GetService<TelemetryExport>());
        }

        // Nothing listens on port 1: the export fails quietly in the background and the silo still serves.
        var settings = new Dictionary<string, string?> { ["CoProduce:Telemetry:OtlpEndpoint"] = "http://127.0.0.1:1" };
        await using var exporting = await TestSilo.StartAsync(_database, settings: settings);
        Assert.NotNull(exporting.Services.GetService<TelemetryExport>());
        Assert.Equal("http://127.0.0.1:1/", exporting.Services.GetRequiredService<TelemetryOptions>().OtlpEndpoint?.ToString());
    }

    [Fact]
    public async Task AnEndpointThatIsNotAUriStopsStartUpNamingTheSetting()
    {
        var settings = new Dictionary<string, string?> { ["CoProduce:Telemetry:OtlpEndpoint"] = "collector:4317 please" };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestSilo.StartAsync(_database, settings: settings));
        Assert.Contains("CoProduce:Telemetry:OtlpEndpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostShutdownTimeoutIsTheConfiguredOne()
    {
        var settings = new Dictionary<string, string?> { ["CoProduce:Runtime:ShutdownTimeout"] = "00:00:42" };
        await using var silo = await TestSilo.StartAsync(_database, settings: settings);
        Assert.Equal(TimeSpan.FromSeconds(42), silo.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }
}
