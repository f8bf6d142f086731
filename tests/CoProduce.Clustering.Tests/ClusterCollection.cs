namespace CoProduce.Clustering.Tests;

/// <summary>Silo tests run one at a time: the dead-silo timing is measured on a small shared machine.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
