using System.Data.Common;
using Npgsql;

namespace CoProduce.Journal.Storage;

/// <summary>PostgreSQL: the shared database of every node; timestamps are timestamptz.</summary>
internal sealed class PostgresDialect(string connectionString) : ISqlDialect
{
    // The advisory lock key that serializes migrators across nodes: "CoProd" in ASCII, unlikely to collide
    // with a key another application on the same database picks.
    private const long MigrationLockKey = 0x436F50726F64;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    // Enough for every statement of the storage, the one-statement writes for the common event counts
    // included; Npgsql prepares a statement once it has run five times and evicts the least used.
    private const int AutoPreparedStatements = 64;

    public string ProviderName => "PostgreSql";

    /// <summary>
    /// The grain storage's connection string: unless it sets Max Auto Prepare itself, Npgsql prepares the
    /// statements it runs most, so the server parses and plans a state write once per connection rather
    /// than on every write.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare"))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = AutoPreparedStatements }.ConnectionString;
    }

    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1,
        [
            """
            CREATE TABLE cp_grain_state (
                grain_type  text        NOT NULL,
                grain_key   text        NOT NULL,
                state_name  text        NOT NULL,
                version     bigint      NOT NULL,
                payload     text        NULL,
                modified_at timestamptz NOT NULL,
                CONSTRAINT cp_grain_state_pk PRIMARY KEY (grain_type, grain_key, state_name)
            )
            """,
            """
            CREATE TABLE cp_journal (
                grain_type  text        NOT NULL,
                grain_key   text        NOT NULL,
                seq         bigint      NOT NULL,
                event_type  text        NOT NULL,
                payload     text        NOT NULL,
                recorded_at timestamptz NOT NULL,
                CONSTRAINT cp_journal_pk PRIMARY KEY (grain_type, grain_key, seq)
            )
            """,
            """
            CREATE TABLE cp_reminders (
                grain_type  text   NOT NULL,
                grain_key   text   NOT NULL,
                name        text   NOT NULL,
                period_ms   bigint NOT NULL,
                next_due_ms bigint NOT NULL,
                version     bigint NOT NULL,
                CONSTRAINT cp_reminders_pk PRIMARY KEY (grain_type, grain_key, name)
            )
            """,
            "CREATE INDEX cp_reminders_next_due_ix ON cp_reminders (next_due_ms)",
        ]),
        new(2, OrleansSchema.OrleansSchemaSteps.Postgres),
    ];

    public string CreateMigrationTableSql =>
        "CREATE TABLE IF NOT EXISTS cp_schema_migrations (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL)";

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            // Held until commit or rollback. Taken before CREATE TABLE IF NOT EXISTS, which is not safe
            // to run concurrently on PostgreSQL (two sessions can both pass the check and one fails).
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT pg_advisory_xact_lock(@key)";
            command.AddParameter("@key", MigrationLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    // A data-modifying CTE: one round trip instead of BEGIN, the state write, the journal INSERT and COMMIT.
    public string? StateWithJournalSql(bool firstWrite, int events) => Storage.StateWithJournalSql.For(firstWrite, events);

    public bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    // Npgsql maps a DateTimeOffset to timestamptz only when its offset is zero, which utc guarantees.
    public object ToDbTimestamp(DateTimeOffset utc) => utc;

    public DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public void Dispose() => _dataSource.Dispose();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
