using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CoProduce.Journal.Storage;

/// <summary>
/// <see cref="IGrainStorage"/> over plain ADO.NET, on SQLite (embedded) or PostgreSQL (shared by all
/// nodes). The SQL is shared; <see cref="ISqlDialect"/> covers connections, DDL, locking and error codes.
/// </summary>
public sealed partial class AdoGrainStorage : IGrainStorage, IDisposable, IAsyncDisposable
{
    private readonly ISqlDialect _dialect;
    private readonly TimeProvider _time;

    internal AdoGrainStorage(ISqlDialect dialect, TimeProvider? timeProvider = null)
    {
        _dialect = dialect;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Storage in the SQLite file <paramref name="filePath"/>; its directory is created if missing.</summary>
    public static AdoGrainStorage ForSqlite(string filePath, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        var fullPath = Path.GetFullPath(filePath);
        if (Path.GetDirectoryName(fullPath) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        };
        return new AdoGrainStorage(new SqliteDialect(builder.ConnectionString), timeProvider);
    }

    /// <summary>Storage on SQLite with a full Microsoft.Data.Sqlite connection string (the configured override).</summary>
    internal static AdoGrainStorage ForSqliteConnectionString(string connectionString, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new AdoGrainStorage(new SqliteDialect(connectionString), timeProvider);
    }

    /// <summary>
    /// Storage on PostgreSQL with an Npgsql connection string. Statements are auto-prepared (Max Auto
    /// Prepare 64) unless the connection string sets Max Auto Prepare itself (0 turns it off).
    /// </summary>
    public static AdoGrainStorage ForPostgres(string connectionString, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new AdoGrainStorage(new PostgresDialect(PostgresDialect.WithAutoPrepare(connectionString)), timeProvider);
    }

    public string ProviderName => _dialect.ProviderName;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await _dialect.PrepareDatabaseAsync(connection, cancellationToken);
        foreach (var migration in _dialect.Migrations)
        {
            // One transaction per step, under the migration lock: the check, the DDL and the record
            // commit together, so a concurrent or crashed migrator never leaves a half-applied step.
            await using var transaction = await _dialect.BeginMigrationAsync(connection, cancellationToken);
            await ExecuteAsync(connection, transaction, _dialect.CreateMigrationTableSql, cancellationToken);
            if (await IsAppliedAsync(connection, transaction, migration.Version, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }

            foreach (var statement in migration.Statements)
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken);
            }

            await using (var record = connection.CreateCommand(transaction, StorageSql.RecordMigration))
            {
                record.AddParameter("@version", migration.Version);
                record.AddParameter("@now", Now());
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    public async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, StorageSql.SelectOne);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public void Dispose() => _dialect.Dispose();

    public ValueTask DisposeAsync() => _dialect.DisposeAsync();

    // The database keeps microseconds (PostgreSQL's precision); truncating here makes a value read back
    // equal to the value written, on both providers.
    private object Now() => _dialect.ToDbTimestamp(ToStoredInstant(_time.GetUtcNow()));

    private static DateTimeOffset ToStoredInstant(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> IsAppliedAsync(DbConnection connection, DbTransaction transaction, int version, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(transaction, StorageSql.IsMigrationApplied);
        command.AddParameter("@version", version);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }
}
