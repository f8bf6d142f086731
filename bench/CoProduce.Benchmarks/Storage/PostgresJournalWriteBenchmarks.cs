using BenchmarkDotNet.Attributes;
using CoProduce.Runtime.Storage;
using Npgsql;

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
    private const string Payload = """{"value":42,"name":"a small grain state of about a hundred bytes, like a counter or a flag"}""";
    private const string EventPayload = """{"voter":"a-participant","choice":"yes"}""";

    private BenchDatabase? _database;
    private NpgsqlDataSource? _raw;
    private AdoGrainStorage? _storage;
    private AdoGrainStorage? _transactionStorage;
    private long _rawVersion;
    private long _rawSequence;
    private long _sequence;
    private string? _etag;
    private string? _transactionEtag;
    private readonly StateKey _key = new("bench", "one", "state");
    private readonly StateKey _transactionKey = new("bench", "two", "state");

    [GlobalSetup]
    public void Setup()
    {
        _database = new BenchDatabase();
        _raw = NpgsqlDataSource.Create(_database.ConnectionString);
        using (var setup = _raw.CreateCommand(
            "CREATE TABLE raw_state (id text PRIMARY KEY, version bigint NOT NULL, payload text, modified_at timestamptz NOT NULL);" +
            "CREATE TABLE raw_journal (id text NOT NULL, seq bigint NOT NULL, event_type text NOT NULL, payload text NOT NULL, " +
            "recorded_at timestamptz NOT NULL, PRIMARY KEY (id, seq));" +
            "INSERT INTO raw_state VALUES ('one', 0, '{}', now());"))
        {
            setup.ExecuteNonQuery();
        }

        _storage = AdoGrainStorage.ForPostgres(_database.ConnectionString);
        _storage.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        _etag = _storage.WriteStateAsync(_key, Payload, null, [], CancellationToken.None).GetAwaiter().GetResult();
        _transactionStorage = new AdoGrainStorage(new TransactionOnlyDialect(new PostgresDialect(PostgresDialect.WithAutoPrepare(_database.ConnectionString))));
        _transactionEtag = _transactionStorage.WriteStateAsync(_transactionKey, Payload, null, [], CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw?.Dispose();
        _storage?.Dispose();
        _transactionStorage?.Dispose();
        _database?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Raw Npgsql UPDATE + journal INSERT in one transaction")]
    public async Task RawUpdateAndInsertInTransaction()
    {
        await using var connection = await _raw!.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand(
            "UPDATE raw_state SET version = version + 1, payload = @payload, modified_at = now() WHERE id = @id AND version = @version",
            connection, transaction))
        {
            update.Parameters.AddWithValue("payload", Payload);
            update.Parameters.AddWithValue("id", "one");
            update.Parameters.AddWithValue("version", _rawVersion);
            if (await update.ExecuteNonQueryAsync() != 1)
            {
                throw new InvalidOperationException("The raw write lost its version.");
            }
        }

        await using (var insert = new NpgsqlCommand(
            "INSERT INTO raw_journal (id, seq, event_type, payload, recorded_at) VALUES (@id, @seq, @type, @payload, now())",
            connection, transaction))
        {
            insert.Parameters.AddWithValue("id", "one");
            insert.Parameters.AddWithValue("seq", _rawSequence + 1);
            insert.Parameters.AddWithValue("type", "Voted");
            insert.Parameters.AddWithValue("payload", EventPayload);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        _rawVersion++;
        _rawSequence++;
    }

    [Benchmark(Description = "Grain state write with one journal event (AdoGrainStorage)")]
    public async Task GrainStateWriteWithEvent()
    {
        JournalAppend[] events = [new(_key.GrainType, _key.GrainKey, _sequence + 1, "Voted", EventPayload, DateTimeOffset.UtcNow)];
        _etag = await _storage!.WriteStateAsync(_key, Payload, _etag, events, CancellationToken.None);
        _sequence++;
    }

    [Benchmark(Description = "Grain state write with one journal event, transaction path (AdoGrainStorage)")]
    public async Task GrainStateWriteWithEventInTransaction()
    {
        JournalAppend[] events = [new(_transactionKey.GrainType, _transactionKey.GrainKey, _sequence + 1, "Voted", EventPayload, DateTimeOffset.UtcNow)];
        _transactionEtag = await _transactionStorage!.WriteStateAsync(_transactionKey, Payload, _transactionEtag, events, CancellationToken.None);
        _sequence++;
    }
}
