using System.Data.Common;
using System.Globalization;
using CoProduce.Journal.Storage;
using Microsoft.Data.Sqlite;

namespace CoProduce.Grains.Payments.Storage;

/// <summary>
/// The payments tables on the configured database (SQLite or PostgreSQL): claims, the append-only
/// double-entry ledger and payout runs. Shared SQL; the few differences are switched on the provider.
/// </summary>
public sealed partial class PaymentStore(RelationalDatabase database, TimeProvider time)
{
    public bool IsPostgres => database.IsPostgres;

    /// <summary>Creates or upgrades the payments tables, idempotently, under the storage migration lock.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var (version, statements) in PaymentSchema.For(database.IsPostgres))
        {
            await using var transaction = await database.BeginMigrationAsync(connection, cancellationToken);
            await Execute(connection, transaction,
                $"CREATE TABLE IF NOT EXISTS {PaymentSchema.MigrationTable} (version integer NOT NULL PRIMARY KEY, applied_ms bigint NOT NULL)",
                cancellationToken);
            await using (var applied = Command(connection, transaction, $"SELECT COUNT(*) FROM {PaymentSchema.MigrationTable} WHERE version = @v"))
            {
                applied.AddParameter("@v", version);
                if (Convert.ToInt64(await applied.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    continue;
                }
            }

            foreach (var statement in statements)
            {
                await Execute(connection, transaction, statement, cancellationToken);
            }

            await using (var record = Command(connection, transaction, $"INSERT INTO {PaymentSchema.MigrationTable} (version, applied_ms) VALUES (@v, @now)"))
            {
                record.AddParameter("@v", version);
                record.AddParameter("@now", time.GetUtcNow().ToUnixTimeMilliseconds());
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    internal ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => database.OpenAsync(cancellationToken);

    internal bool IsUniqueViolation(DbException exception) => database.IsUniqueViolation(exception);

    /// <summary>
    /// A write transaction that serializes with every other one taking the same key: an advisory lock on
    /// PostgreSQL, the database write lock on SQLite (which has one writer anyway).
    /// </summary>
    internal async Task<DbTransaction> BeginLockedAsync(DbConnection connection, string lockKey, CancellationToken cancellationToken)
    {
        if (!database.IsPostgres)
        {
            return ((SqliteConnection)connection).BeginTransaction(deferred: false);
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = Command(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))");
        command.AddParameter("@key", lockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }

    internal static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static async Task Execute(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

internal static class PaymentCommandExtensions
{
    public static void AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
