using Microsoft.Extensions.Configuration;

namespace CoProduce.Journal.Storage;

/// <summary>The settings of configuration section <c>CoProduce:Storage</c>, as written.</summary>
public sealed record StorageOptions
{
    public const string SectionName = "CoProduce:Storage";
    public const string SqliteProvider = "Sqlite";
    public const string PostgreSqlProvider = "PostgreSql";

    /// <summary>The file name of the SQLite database inside <see cref="DataDirectory"/>.</summary>
    public const string SqliteFileName = "coproduce.db";

    /// <summary>"Sqlite" or "PostgreSql" (any case).</summary>
    public string? Provider { get; init; }

    /// <summary>SQLite: the folder of the database file; relative to the current directory; created if missing.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>PostgreSql: required Npgsql connection string. Sqlite: optional, overrides <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Reads the section; nothing is validated yet.</summary>
    public static StorageOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        return new StorageOptions
        {
            Provider = section[nameof(Provider)],
            DataDirectory = section[nameof(DataDirectory)],
            ConnectionString = section[nameof(ConnectionString)],
        };
    }

    internal static string Key(string setting) => $"{SectionName}:{setting}";
}
