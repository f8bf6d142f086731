using System.Net;
using CoProduce.OrleansStorage.Tests.Grains;
using CoProduce.Testing.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace CoProduce.OrleansStorage.Tests.Hosting;

/// <summary>
/// A real Orleans silo host whose grain state and reminders live in <see cref="OrleansStore"/>, through Orleans'
/// own ADO.NET providers. The service id is fixed: it is part of every stored row.
/// </summary>
public sealed class ProbeSilo : IAsyncDisposable
{
    public const string ServiceId = "coproduce-orleans-storage-tests";

    private readonly IHost _host;

    private ProbeSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>A silo alone in its cluster (localhost clustering, as embedded mode runs).</summary>
    public static Task<ProbeSilo> StartAloneAsync(OrleansStore store, string hostName, string clusterId = "alone") =>
        StartAsync(store, hostName, silo => silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next(), null, ServiceId, clusterId));

    /// <summary>A silo that finds the others of <paramref name="clusterId"/> through the membership table.</summary>
    public static Task<ProbeSilo> StartClusteredAsync(OrleansStore store, string hostName, string clusterId) =>
        StartAsync(store, hostName, silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ServiceId = ServiceId;
                options.ClusterId = clusterId;
            });
            silo.Configure<EndpointOptions>(options =>
            {
                options.AdvertisedIPAddress = IPAddress.Loopback;
                options.SiloPort = FreePort.Next();
                options.GatewayPort = FreePort.Next();
            });
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = store.Invariant;
                options.ConnectionString = store.ConnectionString;
            });
        });

    private static async Task<ProbeSilo> StartAsync(OrleansStore store, string hostName, Action<ISiloBuilder> clustering)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo =>
        {
            clustering(silo);
            silo.AddAdoNetGrainStorage(ProbeGrain.StorageName, options =>
            {
                options.Invariant = store.Invariant;
                options.ConnectionString = store.ConnectionString;
            });
            silo.UseAdoNetReminderService(options =>
            {
                options.Invariant = store.Invariant;
                options.ConnectionString = store.ConnectionString;
            });
            silo.Services.AddSingleton(new HostName(hostName));
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

        return new ProbeSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
