namespace CoProduce.Clustering.Storage;

/// <summary>
/// The part of section <c>CoProduce:Storage</c> the cluster reads: which database the node uses, so Orleans' membership,
/// grain state and reminders live in the same one.
/// </summary>
public sealed class ClusterStorageOptions
{
    public const string SectionName = "CoProduce:Storage";
    public const string SqliteProvider = "Sqlite";
    public const string PostgreSqlProvider = "PostgreSql";

    /// <summary>The file name of the SQLite database inside <see cref="DataDirectory"/>.</summary>
    public const string SqliteFileName = "coproduce.db";

    /// <summary>"Sqlite" (embedded) or "PostgreSql" (any case).</summary>
    public string? Provider { get; set; }

    /// <summary>SQLite: the folder of the database file.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>PostgreSql: the Npgsql connection string (required). Sqlite: optional, names the file instead of <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    public bool IsSqlite => string.Equals(Provider, SqliteProvider, StringComparison.OrdinalIgnoreCase);

    public bool IsPostgreSql => string.Equals(Provider, PostgreSqlProvider, StringComparison.OrdinalIgnoreCase);

    internal static string Key(string setting) => $"{SectionName}:{setting}";
}
