using CoProduce.Journal.OrleansSchema;
using Microsoft.Data.Sqlite;

namespace CoProduce.Clustering.Storage;

/// <summary>What Orleans' ADO.NET providers are given: the invariant and connection string of the node's database.</summary>
public sealed record AdoNetTarget(string Invariant, string ConnectionString)
{
    /// <summary>
    /// The target of <paramref name="storage"/>; SQLite gets the connection string our own storage recommends. Missing
    /// settings give empty values here: start-up validation reports them first.
    /// </summary>
    public static AdoNetTarget From(ClusterStorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.IsPostgreSql)
        {
            return new(OrleansAdoNetSettings.PostgresInvariant, storage.ConnectionString ?? "");
        }

        var file = string.IsNullOrWhiteSpace(storage.ConnectionString)
            ? Path.Combine(storage.DataDirectory ?? "", ClusterStorageOptions.SqliteFileName)
            : new SqliteConnectionStringBuilder(storage.ConnectionString).DataSource;
        return new(OrleansAdoNetSettings.SqliteInvariant, OrleansAdoNetSettings.SqliteConnectionString(file));
    }
}
