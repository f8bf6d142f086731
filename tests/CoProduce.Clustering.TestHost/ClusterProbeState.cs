namespace CoProduce.Clustering.TestHost;

[GenerateSerializer, Alias("cluster-probe-state")]
public sealed class ClusterProbeState
{
    [Id(0)]
    public int? Value { get; set; }

    [Id(1)]
    public int Ticks { get; set; }
}
