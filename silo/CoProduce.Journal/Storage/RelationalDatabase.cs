using System.Data.Common;

namespace CoProduce.Journal.Storage;

/// <summary>
/// The configured database (SQLite or PostgreSQL) for features that keep their own SQL tables beside the
/// grain state, such as the payments ledger. Connections come from the same settings as grain storage;
/// features migrate their own tables with <see cref="BeginMigrationAsync"/>, under the same lock.
/// </summary>
public sealed class RelationalDatabase : IDisposable, IAsyncDisposable
{
    private readonly ISqlDialect _dialect;

    internal RelationalDatabase(ISqlDialect dialect) => _dialect = dialect;

    /// <summary>"Sqlite" or "PostgreSql".</summary>
    public string ProviderName => _dialect.ProviderName;

    public bool IsPostgres => ProviderName == StorageOptions.PostgreSqlProvider;

    /// <summary>An open connection; the caller disposes it.</summary>
    public ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => _dialect.OpenAsync(cancellationToken);

    /// <summary>
    /// A transaction holding the migration lock (an advisory lock on PostgreSQL, the write lock on SQLite),
    /// so concurrent migrators apply each step once. Database-wide settings are prepared first.
    /// </summary>
    public async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await _dialect.PrepareDatabaseAsync(connection, cancellationToken);
        return await _dialect.BeginMigrationAsync(connection, cancellationToken);
    }

    /// <summary>Whether the error is a primary-key or unique-constraint clash.</summary>
    public bool IsUniqueViolation(DbException exception) => _dialect.IsUniqueViolation(exception);

    public void Dispose() => _dialect.Dispose();

    public ValueTask DisposeAsync() => _dialect.DisposeAsync();
}
