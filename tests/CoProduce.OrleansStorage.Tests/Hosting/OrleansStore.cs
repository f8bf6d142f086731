using System.Data.Common;
using CoProduce.Journal.OrleansSchema;
using CoProduce.Journal.Storage;
using CoProduce.Testing;

namespace CoProduce.OrleansStorage.Tests.Hosting;

/// <summary>A migrated database as Orleans' ADO.NET providers see it: an invariant and a connection string.</summary>
public sealed record OrleansStore(string Invariant, string ConnectionString)
{
    /// <summary>The database file our own storage and Orleans share, with the connection string we recommend.</summary>
    public static OrleansStore ForSqlite(string databaseFile) =>
        new(OrleansAdoNetSettings.SqliteInvariant, OrleansAdoNetSettings.SqliteConnectionString(databaseFile));

    public static OrleansStore ForPostgres(PostgresDatabase database) =>
        new(OrleansAdoNetSettings.PostgresInvariant, database.ConnectionString);

    public bool IsPostgres => Invariant == OrleansAdoNetSettings.PostgresInvariant;

    /// <summary>An open connection of the kind Orleans opens for this invariant.</summary>
    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = IsPostgres
            ? new Npgsql.NpgsqlConnection(ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs the storage's migration, as <c>migrate</c> and node start-up do.</summary>
    public async Task MigrateAsync()
    {
        await using var storage = IsPostgres
            ? AdoGrainStorage.ForPostgres(ConnectionString)
            : AdoGrainStorage.ForSqlite(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource);
        await storage.MigrateAsync(CancellationToken.None);
    }
}
