using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace CoProduce.Journal.Storage;

/// <summary>SQLite: an embedded database file; timestamps are ISO-8601 UTC text.</summary>
internal sealed class SqliteDialect(string connectionString) : ISqlDialect
{
    // SQLITE_CONSTRAINT, and its PRIMARYKEY and UNIQUE extended codes. NOT NULL and CHECK failures share
    // the primary code but are bugs, not races, so they must not turn into InconsistentStateException.
    private const int ConstraintError = 19;
    private const int PrimaryKeyError = 1555;
    private const int UniqueError = 2067;

    // Sortable as text, and the same microsecond precision as PostgreSQL's timestamptz.
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    // Per-connection pragmas. A wait of 5 s under write contention matches what a caller would tolerate
    // for one write; NORMAL sync is durable against crashes in WAL mode and loses at most the last
    // commits on power loss, which the ETag protocol already has to survive on any node failure.
    private const string ConnectionSetupSql = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";

    // Pooled connections keep their native handle, and pragmas stick to the handle: remembering the
    // handles already set up keeps the reopen of a pooled connection free of extra statements.
    private static readonly ConditionalWeakTable<object, object> ConfiguredHandles = [];
    private static readonly object Configured = new();

    public string ProviderName => "Sqlite";

    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1,
        [
            """
            CREATE TABLE cp_grain_state (
                grain_type  TEXT    NOT NULL,
                grain_key   TEXT    NOT NULL,
                state_name  TEXT    NOT NULL,
                version     INTEGER NOT NULL,
                payload     TEXT    NULL,
                modified_at TEXT    NOT NULL,
                PRIMARY KEY (grain_type, grain_key, state_name)
            )
            """,
            """
            CREATE TABLE cp_journal (
                grain_type  TEXT    NOT NULL,
                grain_key   TEXT    NOT NULL,
                seq         INTEGER NOT NULL,
                event_type  TEXT    NOT NULL,
                payload     TEXT    NOT NULL,
                recorded_at TEXT    NOT NULL,
                PRIMARY KEY (grain_type, grain_key, seq)
            )
            """,
            """
            CREATE TABLE cp_reminders (
                grain_type  TEXT    NOT NULL,
                grain_key   TEXT    NOT NULL,
                name        TEXT    NOT NULL,
                period_ms   INTEGER NOT NULL,
                next_due_ms INTEGER NOT NULL,
                version     INTEGER NOT NULL,
                PRIMARY KEY (grain_type, grain_key, name)
            )
            """,
            "CREATE INDEX cp_reminders_next_due_ix ON cp_reminders (next_due_ms)",
        ]),
        new(2, OrleansSchema.OrleansSchemaSteps.Sqlite),
    ];

    public string CreateMigrationTableSql =>
        "CREATE TABLE IF NOT EXISTS cp_schema_migrations (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)";

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var handle = connection.Handle;
            if (handle is not null && !ConfiguredHandles.TryGetValue(handle, out _))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = ConnectionSetupSql;
                await command.ExecuteNonQueryAsync(cancellationToken);
                ConfiguredHandles.AddOrUpdate(handle, Configured);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL lets readers run beside the single writer. It is a property of the file, so setting it once
        // per migration run is enough, and it cannot be changed inside a transaction.
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // BEGIN IMMEDIATE takes the write lock up front, so a second migrator waits (busy_timeout) rather
        // than reading the migration table and racing to apply the same step.
        DbTransaction transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
        return Task.FromResult(transaction);
    }

    // SQLite has no data-modifying CTEs, and an embedded database has no round trip to save.
    public string? StateWithJournalSql(bool firstWrite, int events) => null;

    public bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException
        {
            SqliteErrorCode: ConstraintError,
            SqliteExtendedErrorCode: PrimaryKeyError or UniqueError,
        };

    public object ToDbTimestamp(DateTimeOffset utc) => utc.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(
            reader.GetString(ordinal),
            TimestampFormat,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    // Drops this file's idle pooled connections so the file can be moved or deleted once storage is disposed.
    public void Dispose() => SqliteConnection.ClearPool(new SqliteConnection(connectionString));

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
