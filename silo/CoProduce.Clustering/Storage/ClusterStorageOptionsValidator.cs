using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CoProduce.Clustering.Storage;

/// <summary>Refuses start-up when the cluster cannot know which database to use, naming the setting to fix.</summary>
internal sealed class ClusterStorageOptionsValidator : IValidateOptions<ClusterStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterStorageOptions options)
    {
        var provider = ClusterStorageOptions.Key(nameof(ClusterStorageOptions.Provider));
        var connection = ClusterStorageOptions.Key(nameof(ClusterStorageOptions.ConnectionString));
        var directory = ClusterStorageOptions.Key(nameof(ClusterStorageOptions.DataDirectory));
        if (options.IsPostgreSql)
        {
            return string.IsNullOrWhiteSpace(options.ConnectionString)
                ? ValidateOptionsResult.Fail(
                    $"Setting '{connection}' is required when '{provider}' is 'PostgreSql': the cluster keeps membership, grain state and reminders there.")
                : ValidateOptionsResult.Success;
        }

        if (!options.IsSqlite)
        {
            return ValidateOptionsResult.Fail(
                $"Setting '{provider}' is '{options.Provider}'; it must be 'Sqlite' (embedded) or 'PostgreSql'.");
        }

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            try
            {
                return string.IsNullOrWhiteSpace(new SqliteConnectionStringBuilder(options.ConnectionString).DataSource)
                    ? ValidateOptionsResult.Fail($"Setting '{connection}' names no SQLite file (Data Source).")
                    : ValidateOptionsResult.Success;
            }
            catch (ArgumentException e)
            {
                return ValidateOptionsResult.Fail($"Setting '{connection}' is not a SQLite connection string: {e.Message}");
            }
        }

        return string.IsNullOrWhiteSpace(options.DataDirectory)
            ? ValidateOptionsResult.Fail(
                $"Setting '{directory}' (or '{connection}') is required when '{provider}' is 'Sqlite': it holds the database file.")
            : ValidateOptionsResult.Success;
    }
}
