using Orleans.Configuration;

namespace CoProduce.Clustering;

/// <summary>
/// The size of each node's grain directory cache (where recently called grains live), bounded for a CoProduce node.
/// Orleans' default of 1,000,000 entries makes each of its two caches on a node pre-size its table for them: about
/// 18.6 MB of large arrays on an idle node, which become resident as soon as the GC moves them or the cache fills.
/// A miss costs one directory lookup, so a smaller cache is only slower for a node that calls more distinct remote
/// grains than it holds. Any <see cref="GrainDirectoryOptions"/> property can be overridden in section
/// <c>CoProduce:Cluster:Directory</c>.
/// </summary>
public static class DirectoryCacheTuning
{
    public const string SectionName = $"{CoProduceClusterOptions.SectionName}:Directory";

    /// <summary>Entries per cache: about 0.9 MB of table each, far more grains than a node calls in a cache lifetime.</summary>
    public const int CacheSize = 100_000;

    public static void Apply(GrainDirectoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.CacheSize = CacheSize;
    }
}
