using CoProduce.Testing.Processes;

namespace CoProduce.Clustering.Tests.Hosting;

/// <summary>Configuration for one test node: the database's storage settings plus pinned ids and free ports.</summary>
public static class ClusterSettings
{
    public const string ServiceId = "coproduce-clustering-tests";

    public static Dictionary<string, string?> For(IReadOnlyDictionary<string, string?> storage, string clusterId, int siloPort, int gatewayPort)
    {
        var settings = new Dictionary<string, string?>(storage)
        {
            ["CoProduce:Cluster:ServiceId"] = ServiceId,
            ["CoProduce:Cluster:ClusterId"] = clusterId,
            ["CoProduce:Cluster:SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CoProduce:Cluster:GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return settings;
    }

    public static Dictionary<string, string?> For(IReadOnlyDictionary<string, string?> storage, string clusterId) =>
        For(storage, clusterId, FreePort.Next(), FreePort.Next());
}
