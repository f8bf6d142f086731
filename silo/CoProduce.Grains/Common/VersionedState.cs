namespace CoProduce.Grains.Common;

/// <summary>A grain's state that counts its changes: <see cref="Version"/> is what ETag and If-Match compare.</summary>
public abstract record VersionedState
{
    public long Version { get; init; }
}
