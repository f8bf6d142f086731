using System.Globalization;
using System.Text;

namespace CoProduce.Journal.Storage;

/// <summary>Multi-row journal INSERT texts and their parameter names, built once per row count.</summary>
internal static class JournalInsertSql
{
    /// <summary>
    /// Rows per statement: 6 parameters each keeps a statement far below SQLite's (32766) and
    /// PostgreSQL's (65535) parameter limits.
    /// </summary>
    public const int MaxRows = 256;

    private static readonly string?[] Statements = new string?[MaxRows + 1];
    private static readonly string[]?[] Names = new string[]?[MaxRows];

    // Races below only build the same string twice; every thread stores an equal value.
    public static string ForRows(int rows) => Statements[rows] ??= Build(rows);

    public static string[] ParameterNames(int row) => Names[row] ??=
    [
        Name("t", row), Name("k", row), Name("s", row), Name("e", row), Name("p", row), Name("r", row),
    ];

    private static string Name(string column, int row) => string.Create(CultureInfo.InvariantCulture, $"@{column}{row}");

    private static string Build(int rows)
    {
        var sql = new StringBuilder(StorageSql.InsertJournalPrefix);
        for (var row = 0; row < rows; row++)
        {
            var names = ParameterNames(row);
            sql.Append(row == 0 ? "(" : ", (").AppendJoin(", ", names).Append(')');
        }

        return sql.ToString();
    }
}
