using System.Net;

namespace CoProduce.Clustering.Tests;

public sealed class AdvertisedAddressTests
{
    private static readonly Func<string, string?> PodAt = name => name == CoProduceClusterOptions.PodIpVariable ? "10.1.2.3" : null;

    [Fact]
    public void ConfiguredAddressWinsOverThePodAddress() =>
        Assert.Equal(IPAddress.Parse("10.9.9.9"), ClusterSiloBuilderExtensions.AdvertisedAddress(new CoProduceClusterOptions { AdvertisedAddress = "10.9.9.9" }, PodAt));

    [Fact]
    public void PodAddressIsUsedWhenNothingIsConfigured() =>
        Assert.Equal(IPAddress.Parse("10.1.2.3"), ClusterSiloBuilderExtensions.AdvertisedAddress(new CoProduceClusterOptions(), PodAt));

    [Fact]
    public void LoopbackIsUsedOutsideKubernetes() =>
        Assert.Equal(IPAddress.Loopback, ClusterSiloBuilderExtensions.AdvertisedAddress(new CoProduceClusterOptions(), _ => null));
}
