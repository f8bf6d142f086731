using CoProduce.Clustering.Tests.Hosting;
using CoProduce.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CoProduce.Clustering.Tests;

/// <summary>What AddCoProduceCluster hands Orleans and the host, read from a built (not started) host.</summary>
public sealed class ClusterCompositionTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    [Fact]
    public void MembershipIsTunedForTenSecondDetectionUnlessConfiguredOtherwise()
    {
        using var tuned = ClusterNode.Build(ClusterSettings.For(_database.StorageSettings, "composition"));
        var membership = tuned.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal(
            (TimeSpan.FromSeconds(2), 3, false, TimeSpan.FromSeconds(10)),
            (membership.ProbeTimeout, membership.NumMissedProbesLimit, membership.ExtendProbeTimeoutDuringDegradation, membership.TableRefreshTimeout));

        var settings = ClusterSettings.For(_database.StorageSettings, "composition");
        settings["CoProduce:Cluster:Membership:ProbeTimeout"] = "00:00:03";
        using var overridden = ClusterNode.Build(settings);
        Assert.Equal(TimeSpan.FromSeconds(3), overridden.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value.ProbeTimeout);
    }

    [Fact]
    public void DirectoryCacheIsBoundedUnlessConfiguredOtherwise()
    {
        using var bounded = ClusterNode.Build(ClusterSettings.For(_database.StorageSettings, "composition"));
        Assert.Equal(DirectoryCacheTuning.CacheSize, bounded.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize);
        Assert.True(DirectoryCacheTuning.CacheSize < new GrainDirectoryOptions().CacheSize);

        var settings = ClusterSettings.For(_database.StorageSettings, "composition");
        settings["CoProduce:Cluster:Directory:CacheSize"] = "5000";
        using var overridden = ClusterNode.Build(settings);
        Assert.Equal(5000, overridden.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize);
    }

    [Fact]
    public void PinnedIdsEndpointAndShutdownTimeoutComeFromConfiguration()
    {
        var settings = ClusterSettings.For(_database.StorageSettings, "composition-cluster", 21111, 40000);
        settings["CoProduce:Cluster:ShutdownTimeout"] = "00:00:45";
        settings["CoProduce:Cluster:AdvertisedAddress"] = "127.0.0.2";
        using var host = ClusterNode.Build(settings);

        var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        var endpoint = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Equal((ClusterSettings.ServiceId, "composition-cluster"), (cluster.ServiceId, cluster.ClusterId));
        Assert.Equal(("127.0.0.2", 21111, 40000), (endpoint.AdvertisedIPAddress.ToString(), endpoint.SiloPort, endpoint.GatewayPort));
        Assert.Equal(TimeSpan.FromSeconds(45), host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public void UnconfiguredIdsAreOursNotOrleansDev()
    {
        using var host = ClusterNode.Build(new Dictionary<string, string?>(_database.StorageSettings));
        var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Assert.Equal((CoProduceClusterOptions.DefaultServiceId, CoProduceClusterOptions.DefaultClusterId), (cluster.ServiceId, cluster.ClusterId));
    }

    public void Dispose() => _database.Dispose();
}
