using BenchmarkDotNet.Attributes;
using CoProduce.Benchmarks.OrleansRuntime;

namespace CoProduce.Benchmarks.Storage;

/// <summary>
/// A grain state write carrying one journal event on Orleans (a call from the host's client to a grain that
/// raises the event and writes its [JournaledState]; one statement on PostgreSQL) against the raw Npgsql way to
/// make the same two writes atomic: the versioned UPDATE and the journal INSERT in one transaction.
/// </summary>
public class OrleansPostgresJournalWriteBenchmarks
{
    private WriteBenchWorld? _world;
    private BenchOrleansSilo? _silo;
    private IStateWriterGrain? _grain;
    private long _rawVersion;
    private long _rawSequence;

    [GlobalSetup]
    public void Setup()
    {
        _world = new WriteBenchWorld(withJournal: true);
        _silo = BenchOrleansSilo.OnPostgres(_world.Database.ConnectionString);
        _grain = _silo.Grains.GetGrain<IStateWriterGrain>(1);
        _grain.WriteWithEvent().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _silo?.Dispose();
        _world?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Raw Npgsql UPDATE + journal INSERT in one transaction")]
    public async Task RawUpdateAndInsertInTransaction()
    {
        await _world!.UpdateAndInsertRawAsync(_rawVersion, _rawSequence + 1);
        _rawVersion++;
        _rawSequence++;
    }

    [Benchmark(Description = "Orleans grain call raising one event and writing its [JournaledState]")]
    public Task OrleansGrainStateWriteWithEvent() => _grain!.WriteWithEvent();
}
