using Microsoft.Data.Sqlite;

namespace CoProduce.Journal.OrleansSchema;

/// <summary>
/// What a host passes to Orleans' ADO.NET providers (grain storage, reminders, clustering) so they find the schema
/// that <c>migrate</c> creates.
/// </summary>
public static class OrleansAdoNetSettings
{
    /// <summary>
    /// The invariant for SQLite. Orleans maps this name to Microsoft.Data.Sqlite's factory; "Microsoft.Data.Sqlite"
    /// itself is not a known invariant.
    /// </summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>The invariant for PostgreSQL (Npgsql).</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>How long an Orleans command on SQLite waits for a writer lock held by another connection, in seconds.</summary>
    public const int SqliteBusyTimeoutSeconds = 30;

    /// <summary>
    /// The Microsoft.Data.Sqlite connection string for Orleans' providers on the database file that our own storage
    /// uses too. WAL is a property of the file, set by <c>migrate</c>, so these connections use it as well. Orleans
    /// opens its own connections and runs no set-up statement, so the busy wait cannot be a PRAGMA: Microsoft.Data.Sqlite
    /// retries a busy or locked command until the command timeout, and Default Timeout sets that timeout for every
    /// command Orleans creates.
    /// </summary>
    public static string SqliteConnectionString(string databaseFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseFile);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(databaseFile),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = SqliteBusyTimeoutSeconds,
        }.ConnectionString;
    }
}
