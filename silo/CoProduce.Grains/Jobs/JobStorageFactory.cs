using CoProduce.Journal.Storage;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;

namespace CoProduce.Grains.Jobs;

/// <summary>
/// Hangfire's storage on the product's own database: Hangfire.PostgreSql in its own schema when several nodes share
/// PostgreSQL, Hangfire.Storage.SQLite in a file of its own beside the embedded database (same data folder) otherwise.
/// </summary>
internal static class JobStorageFactory
{
    public const string PostgresSchema = "hangfire";
    public const string SqliteFileSuffix = "-jobs.db";

    public static JobStorage Create(StorageOptions storage, JobsOptions jobs)
    {
        if (string.Equals(storage.Provider, StorageOptions.PostgreSqlProvider, StringComparison.OrdinalIgnoreCase))
        {
            var options = new PostgreSqlStorageOptions
            {
                SchemaName = PostgresSchema,
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = jobs.PollInterval,
                // A node renews the jobs it holds while it lives; a job whose node died is visible again after this.
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = jobs.InvisibilityTimeout,
                DistributedLockTimeout = jobs.InvisibilityTimeout,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(storage.ConnectionString!, options), options);
        }

        return new SQLiteStorage(SqliteFile(storage), new SQLiteStorageOptions
        {
            QueuePollInterval = jobs.PollInterval,
            InvisibilityTimeout = jobs.InvisibilityTimeout,
            DistributedLockLifetime = jobs.InvisibilityTimeout,
        });
    }

    /// <summary>The jobs' SQLite file: the embedded database's file name with <see cref="SqliteFileSuffix"/>, in its folder.</summary>
    public static string SqliteFile(StorageOptions storage)
    {
        var database = string.IsNullOrWhiteSpace(storage.ConnectionString)
            ? Path.Combine(Path.GetFullPath(storage.DataDirectory ?? "data"), StorageOptions.SqliteFileName)
            : Path.GetFullPath(new SqliteConnectionStringBuilder(storage.ConnectionString).DataSource);
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        return Path.Combine(Path.GetDirectoryName(database)!, Path.GetFileNameWithoutExtension(database) + SqliteFileSuffix);
    }
}
