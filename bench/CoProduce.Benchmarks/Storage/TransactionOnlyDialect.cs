using System.Data.Common;
using CoProduce.Journal.Storage;

namespace CoProduce.Benchmarks.Storage;

/// <summary>
/// PostgreSQL without the one-statement write with journal events, so the benchmark can show the
/// transaction path it replaces (BEGIN, UPDATE, INSERT, COMMIT) in the same run.
/// </summary>
internal sealed class TransactionOnlyDialect(ISqlDialect inner) : ISqlDialect
{
    public string ProviderName => inner.ProviderName;

    public IReadOnlyList<SchemaMigration> Migrations => inner.Migrations;

    public string CreateMigrationTableSql => inner.CreateMigrationTableSql;

    public ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => inner.OpenAsync(cancellationToken);

    public Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) =>
        inner.PrepareDatabaseAsync(connection, cancellationToken);

    public Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken) =>
        inner.BeginMigrationAsync(connection, cancellationToken);

    public string? StateWithJournalSql(bool firstWrite, int events) => null;

    public bool IsUniqueViolation(DbException exception) => inner.IsUniqueViolation(exception);

    public object ToDbTimestamp(DateTimeOffset utc) => inner.ToDbTimestamp(utc);

    public DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) => inner.ReadTimestamp(reader, ordinal);

    public void Dispose() => inner.Dispose();

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
