using Microsoft.Data.Sqlite;
using Npgsql;

namespace CoProduce.Journal.Storage;

/// <summary>
/// Validated <see cref="StorageOptions"/>: which provider and how to connect. Validation happens when the
/// host is configured, so a bad setting stops startup with a message naming it.
/// </summary>
internal sealed record StorageTarget(string Provider, string ConnectionString, string? SqliteDirectory)
{
    public static StorageTarget From(StorageOptions options)
    {
        var providerKey = StorageOptions.Key(nameof(StorageOptions.Provider));
        var provider = options.Provider?.Trim();
        if (string.IsNullOrEmpty(provider))
        {
            throw new StorageConfigurationException(
                providerKey, $"Setting '{providerKey}' is missing; set it to 'Sqlite' or 'PostgreSql'.");
        }

        if (string.Equals(provider, StorageOptions.SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            return ForSqlite(options);
        }

        if (string.Equals(provider, StorageOptions.PostgreSqlProvider, StringComparison.OrdinalIgnoreCase))
        {
            return ForPostgreSql(options);
        }

        throw new StorageConfigurationException(
            providerKey, $"Setting '{providerKey}' has value '{provider}', which is not supported; set it to 'Sqlite' or 'PostgreSql'.");
    }

    public AdoGrainStorage CreateStorage(TimeProvider? timeProvider)
    {
        if (Provider == StorageOptions.PostgreSqlProvider)
        {
            return AdoGrainStorage.ForPostgres(ConnectionString, timeProvider);
        }

        if (SqliteDirectory is not null)
        {
            var key = StorageOptions.Key(nameof(StorageOptions.DataDirectory));
            try
            {
                Directory.CreateDirectory(SqliteDirectory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StorageConfigurationException(
                    key, $"Setting '{key}' points to '{SqliteDirectory}', which cannot be created: {e.Message}", e);
            }
        }

        return AdoGrainStorage.ForSqliteConnectionString(ConnectionString, timeProvider);
    }

    /// <summary>A connection source for features with their own tables, on the same database.</summary>
    public RelationalDatabase CreateDatabase() =>
        new(Provider == StorageOptions.PostgreSqlProvider ? new PostgresDialect(ConnectionString) : new SqliteDialect(ConnectionString));

    private static StorageTarget ForSqlite(StorageOptions options)
    {
        var connectionKey = StorageOptions.Key(nameof(StorageOptions.ConnectionString));
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            SqliteConnectionStringBuilder builder;
            try
            {
                builder = new SqliteConnectionStringBuilder(options.ConnectionString);
            }
            catch (Exception e) when (IsParseError(e))
            {
                throw new StorageConfigurationException(
                    connectionKey, $"Setting '{connectionKey}' is not a valid SQLite connection string: {e.Message}", e);
            }

            if (string.IsNullOrWhiteSpace(builder.DataSource))
            {
                throw new StorageConfigurationException(
                    connectionKey, $"Setting '{connectionKey}' has no 'Data Source'; name the database file.");
            }

            return new StorageTarget(StorageOptions.SqliteProvider, builder.ConnectionString, null);
        }

        var directoryKey = StorageOptions.Key(nameof(StorageOptions.DataDirectory));
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            throw new StorageConfigurationException(
                directoryKey,
                $"Setting '{directoryKey}' is required when {StorageOptions.Key(nameof(StorageOptions.Provider))} is 'Sqlite' " +
                $"(or set '{connectionKey}').");
        }

        string directory;
        try
        {
            directory = Path.GetFullPath(options.DataDirectory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new StorageConfigurationException(
                directoryKey, $"Setting '{directoryKey}' has value '{options.DataDirectory}', which is not a valid path: {e.Message}", e);
        }

        var file = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, StorageOptions.SqliteFileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        };
        return new StorageTarget(StorageOptions.SqliteProvider, file.ConnectionString, directory);
    }

    private static StorageTarget ForPostgreSql(StorageOptions options)
    {
        var connectionKey = StorageOptions.Key(nameof(StorageOptions.ConnectionString));
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new StorageConfigurationException(
                connectionKey,
                $"Setting '{connectionKey}' is required when {StorageOptions.Key(nameof(StorageOptions.Provider))} is 'PostgreSql'.");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (Exception e) when (IsParseError(e))
        {
            throw new StorageConfigurationException(
                connectionKey, $"Setting '{connectionKey}' is not a valid PostgreSQL connection string: {e.Message}", e);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new StorageConfigurationException(
                connectionKey, $"Setting '{connectionKey}' has no 'Host'; name the PostgreSQL server.");
        }

        return new StorageTarget(StorageOptions.PostgreSqlProvider, options.ConnectionString, null);
    }

    // What connection string builders throw for unknown keywords, bad syntax or unconvertible values.
    private static bool IsParseError(Exception e) =>
        e is ArgumentException or FormatException or InvalidCastException or OverflowException;
}
