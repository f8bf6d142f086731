using CoProduce.Clustering;
using CoProduce.Telemetry.Tests.Grains;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CoProduce.Telemetry.Tests.Hosting;

/// <summary>An in-process node composed as the hosts compose one: <c>AddCoProduceTelemetry</c> and <c>AddCoProduceCluster</c>.</summary>
public sealed class TelemetryNode : IAsyncDisposable
{
    private readonly IHost _host;

    private TelemetryNode(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IClusterMembershipService Membership => _host.Services.GetRequiredService<IClusterMembershipService>();

    public static async Task<TelemetryNode> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "telemetry-tests" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddCoProduceTelemetry();
        builder.UseOrleans(silo =>
        {
            silo.AddCoProduceCluster(builder.Configuration);
            silo.Services.AddPlacementDirector<OtherSiloPlacement, OtherSiloPlacementDirector>();
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new TelemetryNode(host);
    }

    /// <summary>Stops the silo and disposes the host, which flushes its telemetry export.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
