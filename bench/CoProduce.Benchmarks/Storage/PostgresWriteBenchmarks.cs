using BenchmarkDotNet.Attributes;

namespace CoProduce.Benchmarks.Storage;

/// <summary>
/// A grain state write through the storage provider against the least a versioned write can be: a raw
/// Npgsql UPDATE of one row guarded by its version. Both open a pooled connection per write.
/// </summary>
public class PostgresWriteBenchmarks
{
    private WriteBenchWorld? _world;
    private long _rawVersion;
    private string? _etag;

    [GlobalSetup]
    public void Setup()
    {
        _world = new WriteBenchWorld(withJournal: false);
        _etag = _world.FirstEtag;
    }

    [GlobalCleanup]
    public void Cleanup() => _world?.Dispose();

    [Benchmark(Baseline = true, Description = "Raw Npgsql versioned UPDATE")]
    public async Task RawVersionedUpdate()
    {
        await using var connection = await _world!.Raw.OpenConnectionAsync();
        await WriteBenchWorld.UpdateRawAsync(connection, null, _rawVersion);
        _rawVersion++;
    }

    [Benchmark(Description = "Grain state write (AdoGrainStorage)")]
    public async Task GrainStateWrite() =>
        _etag = await _world!.Storage.WriteStateAsync(WriteBenchWorld.Key, WriteBenchWorld.Payload, _etag, [], CancellationToken.None);
}
