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
    public const string ServerVariable = "COPRODUCE_TEST_POSTGRES";
    private const string Payload = """{"value":42,"name":"a small grain state of about a hundred bytes, like a counter or a flag"}""";

    private string _database = "";
    private string _connectionString = "";
    private NpgsqlDataSource? _raw;
    private AdoGrainStorage? _storage;
    private long _rawVersion;
    private string? _etag;
    private readonly StateKey _key = new("bench", "one", "state");

    [GlobalSetup]
    public void Setup()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable)
            ?? throw new InvalidOperationException($"{ServerVariable} is not set; run scripts/bench.sh, which starts PostgreSQL.");
        _database = $"coproduce_bench_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
            create.ExecuteNonQuery();
        }

        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = _database }.ConnectionString;
        _raw = NpgsqlDataSource.Create(_connectionString);
        using (var setup = _raw.CreateCommand(
            "CREATE TABLE raw_state (id text PRIMARY KEY, version bigint NOT NULL, payload text, modified_at timestamptz NOT NULL);" +
            "INSERT INTO raw_state VALUES ('one', 0, '{}', now());"))
        {
            setup.ExecuteNonQuery();
        }

        _storage = AdoGrainStorage.ForPostgres(_connectionString);
        _storage.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        _etag = _storage.WriteStateAsync(_key, Payload, null, [], CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw?.Dispose();
        _storage?.Dispose();
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(ServerVariable));
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
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
