using System.Data.Common;
using System.Globalization;

namespace CoProduce.Testing;

/// <summary>Reads every stored row as text, so a test can prove that a refused request changed nothing.</summary>
internal static class StorageDump
{
    private const string States =
        "SELECT grain_type, grain_key, state_name, version, payload FROM cp_grain_state ORDER BY grain_type, grain_key, state_name";

    private const string Journal =
        "SELECT grain_type, grain_key, seq, event_type, payload FROM cp_journal ORDER BY grain_type, grain_key, seq";

    // Payments keep claims, the ledger and payout runs in their own tables (absent before the first start).
    private static readonly string[] Payments =
    [
        "SELECT * FROM cp_pay_claims ORDER BY claim_id",
        "SELECT * FROM cp_pay_ledger ORDER BY entry_id",
        "SELECT * FROM cp_pay_runs ORDER BY run_id",
    ];

    public static async Task<IReadOnlyList<string>> ReadAsync(DbConnection connection, bool everyTable = false)
    {
        await connection.OpenAsync();
        var rows = new List<string>();
        foreach (var sql in Payments)
        {
            try
            {
                await ReadRowsAsync(connection, sql, rows);
            }
            catch (DbException) when (!everyTable)
            {
                // Not migrated yet: nothing stored.
            }
        }

        foreach (var sql in new[] { States, Journal })
        {
            await ReadRowsAsync(connection, sql, rows);
        }

        return rows;
    }

    private static async Task ReadRowsAsync(DbConnection connection, string sql, List<string> rows)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var values = Enumerable.Range(0, reader.FieldCount)
                .Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
            rows.Add(string.Join(" | ", values));
        }
    }
}
