using CoProduce.Journal.Storage;
using Npgsql;

namespace CoProduce.Benchmarks.Storage;

/// <summary>
/// What the PostgreSQL write benchmarks share: a throwaway database with the raw baseline's table (and its
/// journal table when asked for), the migrated grain storage with a first state written, and the raw
/// versioned UPDATE that every baseline makes.
/// </summary>
internal sealed class WriteBenchWorld : IDisposable
{
    public const string Payload = """{"value":42,"name":"a small grain state of about a hundred bytes, like a counter or a flag"}""";

    public const string EventPayload = """{"voter":"a-participant","choice":"yes"}""";

    public WriteBenchWorld(bool withJournal)
    {
        Database = new BenchDatabase();
        Raw = NpgsqlDataSource.Create(Database.ConnectionString);
        using (var setup = Raw.CreateCommand(
            "CREATE TABLE raw_state (id text PRIMARY KEY, version bigint NOT NULL, payload text, modified_at timestamptz NOT NULL);" +
            (withJournal
                ? "CREATE TABLE raw_journal (id text NOT NULL, seq bigint NOT NULL, event_type text NOT NULL, payload text NOT NULL, " +
                  "recorded_at timestamptz NOT NULL, PRIMARY KEY (id, seq));"
                : "") +
            "INSERT INTO raw_state VALUES ('one', 0, '{}', now());"))
        {
            setup.ExecuteNonQuery();
        }

        Storage = AdoGrainStorage.ForPostgres(Database.ConnectionString);
        Storage.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
        FirstEtag = Storage.WriteStateAsync(Key, Payload, null, [], CancellationToken.None).GetAwaiter().GetResult();
    }

    public static StateKey Key { get; } = new("bench", "one", "state");

    public BenchDatabase Database { get; }

    public NpgsqlDataSource Raw { get; }

    public AdoGrainStorage Storage { get; }

    /// <summary>The etag of the state written during set-up.</summary>
    public string FirstEtag { get; }

    /// <summary>The raw baseline's write: one UPDATE of the row, guarded by its version.</summary>
    public static async Task UpdateRawAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long version)
    {
        await using var update = new NpgsqlCommand(
            "UPDATE raw_state SET version = version + 1, payload = @payload, modified_at = now() WHERE id = @id AND version = @version",
            connection,
            transaction);
        update.Parameters.AddWithValue("payload", Payload);
        update.Parameters.AddWithValue("id", "one");
        update.Parameters.AddWithValue("version", version);
        if (await update.ExecuteNonQueryAsync() != 1)
        {
            throw new InvalidOperationException("The raw write lost its version.");
        }
    }

    /// <summary>The raw baseline's write with one journal event: the versioned UPDATE and the INSERT in one transaction.</summary>
    public async Task UpdateAndInsertRawAsync(long version, long sequence)
    {
        await using var connection = await Raw.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await UpdateRawAsync(connection, transaction, version);
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO raw_journal (id, seq, event_type, payload, recorded_at) VALUES (@id, @seq, @type, @payload, now())",
            connection, transaction))
        {
            insert.Parameters.AddWithValue("id", "one");
            insert.Parameters.AddWithValue("seq", sequence);
            insert.Parameters.AddWithValue("type", "Voted");
            insert.Parameters.AddWithValue("payload", EventPayload);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    public void Dispose()
    {
        Raw.Dispose();
        Storage.Dispose();
        Database.Dispose();
    }
}
