using BenchmarkDotNet.Attributes;
using CoProduce.Journal.Storage;

namespace CoProduce.Benchmarks.Storage;

/// <summary>
/// A grain state write carrying one journal event (as a vote's decision grain makes) against the raw
/// Npgsql way to make the same two writes atomic: the versioned UPDATE and the journal INSERT in one
/// transaction. All open a pooled connection per write. The storage's own transaction path (what a
/// write with events took before the one-statement form, and still takes on SQLite) is measured beside
/// them for comparison.
/// </summary>
public class PostgresJournalWriteBenchmarks
{
    private readonly StateKey _transactionKey = new("bench", "two", "state");
    private WriteBenchWorld? _world;
    private AdoGrainStorage? _transactionStorage;
    private long _rawVersion;
    private long _rawSequence;
    private long _sequence;
    private string? _etag;
    private string? _transactionEtag;

    [GlobalSetup]
    public void Setup()
    {
        _world = new WriteBenchWorld(withJournal: true);
        _etag = _world.FirstEtag;
        _transactionStorage = new AdoGrainStorage(new TransactionOnlyDialect(new PostgresDialect(PostgresDialect.WithAutoPrepare(_world.Database.ConnectionString))));
        _transactionEtag = _transactionStorage.WriteStateAsync(_transactionKey, WriteBenchWorld.Payload, null, [], CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _transactionStorage?.Dispose();
        _world?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Raw Npgsql UPDATE + journal INSERT in one transaction")]
    public async Task RawUpdateAndInsertInTransaction()
    {
        await _world!.UpdateAndInsertRawAsync(_rawVersion, _rawSequence + 1);
        _rawVersion++;
        _rawSequence++;
    }

    [Benchmark(Description = "Grain state write with one journal event (AdoGrainStorage)")]
    public async Task GrainStateWriteWithEvent()
    {
        var key = WriteBenchWorld.Key;
        JournalAppend[] events = [new(key.GrainType, key.GrainKey, _sequence + 1, "Voted", WriteBenchWorld.EventPayload, DateTimeOffset.UtcNow)];
        _etag = await _world!.Storage.WriteStateAsync(key, WriteBenchWorld.Payload, _etag, events, CancellationToken.None);
        _sequence++;
    }

    [Benchmark(Description = "Grain state write with one journal event, transaction path (AdoGrainStorage)")]
    public async Task GrainStateWriteWithEventInTransaction()
    {
        JournalAppend[] events = [new(_transactionKey.GrainType, _transactionKey.GrainKey, _sequence + 1, "Voted", WriteBenchWorld.EventPayload, DateTimeOffset.UtcNow)];
        _transactionEtag = await _transactionStorage!.WriteStateAsync(_transactionKey, WriteBenchWorld.Payload, _transactionEtag, events, CancellationToken.None);
        _sequence++;
    }
}
