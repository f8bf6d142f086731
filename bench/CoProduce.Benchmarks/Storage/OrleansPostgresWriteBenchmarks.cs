using BenchmarkDotNet.Attributes;
using CoProduce.Benchmarks.OrleansRuntime;

namespace CoProduce.Benchmarks.Storage;

/// <summary>
/// A grain state write on Orleans through the project's storage (a call from the host's client to a grain
/// whose [JournaledState] facet writes with WriteStateAsync) against a raw Npgsql versioned UPDATE of one
/// row. The silo (membership, state and journal on the same database) runs during both.
/// </summary>
public class OrleansPostgresWriteBenchmarks
{
    private WriteBenchWorld? _world;
    private BenchOrleansSilo? _silo;
    private IStateWriterGrain? _grain;
    private long _rawVersion;

    [GlobalSetup]
    public void Setup()
    {
        _world = new WriteBenchWorld(withJournal: false);
        _silo = BenchOrleansSilo.OnPostgres(_world.Database.ConnectionString);
        _grain = _silo.Grains.GetGrain<IStateWriterGrain>(1);
        _grain.Write().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _silo?.Dispose();
        _world?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Raw Npgsql versioned UPDATE")]
    public async Task RawVersionedUpdate()
    {
        await using var connection = await _world!.Raw.OpenConnectionAsync();
        await WriteBenchWorld.UpdateRawAsync(connection, null, _rawVersion);
        _rawVersion++;
    }

    [Benchmark(Description = "Orleans grain call writing its [JournaledState]")]
    public Task OrleansGrainStateWrite() => _grain!.Write();
}
