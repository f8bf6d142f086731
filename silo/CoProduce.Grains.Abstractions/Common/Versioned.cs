namespace CoProduce.Grains.Common;

/// <summary>A view with the version it was read at; the gateway sends it as the ETag.</summary>
[GenerateSerializer, Alias("coproduce.common.Versioned`1")]
public sealed record Versioned<T>(T Value, long Version);
