namespace CoProduce.Journal.OrleansSchema;

/// <summary>
/// The <c>OrleansQuery</c> table every Orleans ADO.NET provider reads its SQL from, and the statement that puts one
/// query into it. The same text runs on SQLite and PostgreSQL.
/// </summary>
internal static class OrleansQueryRows
{
    // Unquoted, so PostgreSQL folds it to lower case exactly as it folds Orleans' unquoted
    // "SELECT QueryKey, QueryText FROM OrleansQuery"; the table is looked up through the search_path.
    public const string CreateTable = """
        CREATE TABLE IF NOT EXISTS OrleansQuery (
            QueryKey  varchar(64) NOT NULL PRIMARY KEY,
            QueryText text        NOT NULL
        )
        """;

    /// <summary>
    /// Inserts or replaces one query, so running the step again (or a later step with a corrected text) converges.
    /// Migration statements take no parameters, so the text goes in as a literal with its quotes doubled.
    /// </summary>
    public static string Upsert(string key, string text) =>
        $"""
        INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('{Escape(key)}', '{Escape(text)}')
        ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText
        """;

    public static IEnumerable<string> UpsertAll(IReadOnlyDictionary<string, string> queries) =>
        queries.OrderBy(query => query.Key, StringComparer.Ordinal).Select(query => Upsert(query.Key, query.Value));

    private static string Escape(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}
