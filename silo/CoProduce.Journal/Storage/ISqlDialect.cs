using System.Data.Common;

namespace CoProduce.Journal.Storage;

/// <summary>
/// What differs between the databases <see cref="AdoGrainStorage"/> runs on. Everything else, the SQL
/// of every read and write included, is shared; only PostgreSQL adds a one-statement form of a state
/// write with journal events.
/// </summary>
internal interface ISqlDialect : IDisposable, IAsyncDisposable
{
    /// <summary>"Sqlite" or "PostgreSql", as in the Provider setting.</summary>
    string ProviderName { get; }

    /// <summary>The schema steps in ascending version order; versions are never reused or edited.</summary>
    IReadOnlyList<SchemaMigration> Migrations { get; }

    /// <summary>DDL creating the table that records applied migrations, if missing.</summary>
    string CreateMigrationTableSql { get; }

    /// <summary>An open connection, set up for use; the caller disposes it.</summary>
    ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Database-wide settings that must be made outside any transaction, once per migration run.</summary>
    Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// A transaction that holds the migration lock until it ends, so concurrent migrators apply each
    /// step once.
    /// </summary>
    Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// One statement that writes a state (a first write when <paramref name="firstWrite"/>, else the
    /// versioned update) and appends <paramref name="events"/> journal rows only if the state was written,
    /// reporting the rows appended; with the parameters of <see cref="StorageSql.UpdateState"/> (or
    /// <see cref="StorageSql.InsertState"/>) and of <see cref="JournalInsertSql"/>. Null when the database
    /// has no such statement: the write then takes a transaction.
    /// </summary>
    string? StateWithJournalSql(bool firstWrite, int events);

    /// <summary>Whether the error is a primary-key or unique-constraint clash.</summary>
    bool IsUniqueViolation(DbException exception);

    /// <summary>The parameter value storing a UTC instant (already truncated to microseconds).</summary>
    object ToDbTimestamp(DateTimeOffset utc);

    /// <summary>Reads an instant written by <see cref="ToDbTimestamp"/>, with offset zero.</summary>
    DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal);
}

/// <summary>One schema step: DDL statements applied in one transaction together with its record.</summary>
internal sealed record SchemaMigration(int Version, IReadOnlyList<string> Statements);
