using CoProduce.Clustering.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CoProduce.Clustering.Tests.Hosting;

/// <summary>An in-process node whose silo is composed by <see cref="ClusterSiloBuilderExtensions.AddCoProduceCluster"/> alone.</summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private ClusterNode(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IClusterMembershipService Membership => Services.GetRequiredService<IClusterMembershipService>();

    public SiloAddress Address => Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public IClusterProbeGrain Probe(Guid key) => Services.GetRequiredService<IGrainFactory>().GetGrain<IClusterProbeGrain>(key);

    /// <summary>A host built from <paramref name="settings"/> and nothing else (no appsettings, no environment).</summary>
    public static IHost Build(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.AddCoProduceCluster(builder.Configuration));
        return builder.Build();
    }

    public static async Task<ClusterNode> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var host = Build(settings);
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ClusterNode(host);
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
