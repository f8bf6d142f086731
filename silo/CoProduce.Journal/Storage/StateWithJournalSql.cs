using System.Text;

namespace CoProduce.Journal.Storage;

/// <summary>
/// PostgreSQL's one-statement state write with journal events: a data-modifying CTE writes the state
/// (the versioned UPDATE, or for a first write the INSERT that does nothing on conflict) and the outer
/// INSERT appends the events only if the CTE wrote a row. The statement is atomic on its own, so a stale
/// version writes nothing and a taken sequence number fails the whole statement, state included. The
/// outer INSERT reports how many events it appended: all of them, or none when the version was stale.
/// </summary>
internal static class StateWithJournalSql
{
    private const string UpdateState = """
        WITH written AS (
            UPDATE cp_grain_state SET version = version + 1, payload = @payload, modified_at = @now
            WHERE grain_type = @type AND grain_key = @key AND state_name = @name AND version = @expected
            RETURNING version
        )
        """;

    private const string InsertState = """
        WITH written AS (
            INSERT INTO cp_grain_state (grain_type, grain_key, state_name, version, payload, modified_at)
            VALUES (@type, @key, @name, 1, @payload, @now)
            ON CONFLICT DO NOTHING
            RETURNING version
        )
        """;

    private const string AppendPrefix = """
        INSERT INTO cp_journal (grain_type, grain_key, seq, event_type, payload, recorded_at)
        SELECT v.t, v.k, v.s, v.e, v.p, v.r FROM (VALUES
        """;

    private const string AppendSuffix = """
        ) AS v (t, k, s, e, p, r)
        WHERE EXISTS (SELECT 1 FROM written)
        """;

    private static readonly string?[] Updates = new string?[JournalInsertSql.MaxRows + 1];
    private static readonly string?[] Inserts = new string?[JournalInsertSql.MaxRows + 1];

    /// <summary>The statement for <paramref name="rows"/> events (1 to <see cref="JournalInsertSql.MaxRows"/>).</summary>
    // Races only build the same string twice; every thread stores an equal value.
    public static string For(bool firstWrite, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, JournalInsertSql.MaxRows);
        return firstWrite
            ? Inserts[rows] ??= Build(InsertState, rows)
            : Updates[rows] ??= Build(UpdateState, rows);
    }

    private static string Build(string stateWrite, int rows)
    {
        var sql = new StringBuilder(stateWrite).Append('\n').Append(AppendPrefix).Append('\n');
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (").AppendJoin(", ", JournalInsertSql.ParameterNames(row)).Append(')');
        }

        return sql.Append('\n').Append(AppendSuffix).ToString();
    }
}
