namespace CoProduce.Clustering.TestHost;

/// <summary>A grain that says where it lives and keeps a value and reminder ticks in the default grain storage.</summary>
[Alias("cluster-probe")]
public interface IClusterProbeGrain : IGrainWithGuidKey
{
    /// <summary>The address of the silo this activation runs on.</summary>
    [Alias("silo")]
    Task<string> Silo();

    [Alias("write")]
    Task Write(int value);

    /// <summary>The value in storage, read again.</summary>
    [Alias("stored")]
    Task<int?> StoredValue();

    /// <summary>Registers a reminder first due after <paramref name="due"/>.</summary>
    [Alias("remind")]
    Task Remind(TimeSpan due);

    /// <summary>How many reminder ticks are in storage, read again.</summary>
    [Alias("ticks")]
    Task<int> StoredTicks();
}
