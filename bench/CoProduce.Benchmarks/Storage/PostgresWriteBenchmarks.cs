using BenchmarkDotNet.Attributes;
using CoProduce.Runtime.Storage;
using Npgsql;

namespace CoProduce.Benchmarks.Storage;

/// <summary>
/// A grain state write through the storage provider against the least a versioned write can be: a raw
/// Npgsql UPDATE of one row guarded by its version. Both open a pooled connection per write.
/// </summary>
public class PostgresWriteBenchmarks
{
    private const string Payload = """{"value":42,"name":"a small grain state of about a hundred bytes, like a counter or a flag"}""";

    private BenchDatabase? _database;
    private NpgsqlDataSource? _raw;
    private AdoGrainStorage? _storage;
    private long _rawVersion;
    private string? _etag;
    private readonly StateKey _key = new("bench", "one", "state");

    [GlobalSetup]
    public void Setup()
    {
        _database = new BenchDatabase();
        _raw = NpgsqlDataSource.Create(_database.ConnectionString);
        using (var setup = _raw.CreateCommand(
            "CREATE TABLE raw_state (id text PRIMARY KEY, version bigint NOT NULL, payload text, modified_at timestamptz NOT NULL);" +
            "INSERT INTO raw_state VALUES ('one', 0, '{}', now());"))
        {
            setup.ExecuteNonQuery();
        }

        _storage = AdoGrainStorage.ForPostgres(_database.ConnectionString);
        _storage.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        _etag = _storage.WriteStateAsync(_key, Payload, null, [], CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw?.Dispose();
        _storage?.Dispose();
        _database?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Raw Npgsql versioned UPDATE")]
    public async Task RawVersionedUpdate()
    {
        await using var connection = await _raw!.OpenConnectionAsync();
        await using var update = new NpgsqlCommand(
            "UPDATE raw_state SET version = version + 1, payload = @payload, modified_at = now() WHERE id = @id AND version = @version",
            connection);
        update.Parameters.AddWithValue("payload", Payload);
        update.Parameters.AddWithValue("id", "one");
        update.Parameters.AddWithValue("version", _rawVersion);
        if (await update.ExecuteNonQueryAsync() != 1)
        {
            throw new InvalidOperationException("The raw write lost its version.");
        }

        _rawVersion++;
    }

    [Benchmark(Description = "Grain state write (AdoGrainStorage)")]
    public async Task GrainStateWrite() =>
        _etag = await _storage!.WriteStateAsync(_key, Payload, _etag, [], CancellationToken.None);
}
