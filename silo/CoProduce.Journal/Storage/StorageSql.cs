namespace CoProduce.Journal.Storage;

/// <summary>The SQL shared by every dialect: standard enough for both PostgreSQL and SQLite 3.24+.</summary>
internal static class StorageSql
{
    public const string SelectOne = "SELECT 1";

    public const string IsMigrationApplied = "SELECT COUNT(*) FROM cp_schema_migrations WHERE version = @version";

    public const string RecordMigration = "INSERT INTO cp_schema_migrations (version, applied_at) VALUES (@version, @now)";

    public const string ReadState = """
        SELECT version, payload, modified_at FROM cp_grain_state
        WHERE grain_type = @type AND grain_key = @key AND state_name = @name
        """;

    public const string ReadVersion = """
        SELECT version FROM cp_grain_state
        WHERE grain_type = @type AND grain_key = @key AND state_name = @name
        """;

    // DO NOTHING rather than an error: a lost insert race is an expected outcome, reported as 0 rows, and
    // on PostgreSQL an error would also poison the surrounding transaction.
    public const string InsertState = """
        INSERT INTO cp_grain_state (grain_type, grain_key, state_name, version, payload, modified_at)
        VALUES (@type, @key, @name, 1, @payload, @now)
        ON CONFLICT DO NOTHING
        """;

    // Also used to clear (payload NULL): the row stays with a higher version, so a writer holding the
    // ETag from before the clear can never succeed afterwards.
    public const string UpdateState = """
        UPDATE cp_grain_state SET version = version + 1, payload = @payload, modified_at = @now
        WHERE grain_type = @type AND grain_key = @key AND state_name = @name AND version = @expected
        """;

    public const string ReadLastSequence = """
        SELECT COALESCE(MAX(seq), 0) FROM cp_journal WHERE grain_type = @type AND grain_key = @key
        """;

    public const string ReadJournal = """
        SELECT seq, event_type, payload, recorded_at FROM cp_journal
        WHERE grain_type = @type AND grain_key = @key AND seq > @after
        ORDER BY seq
        LIMIT @limit
        """;

    public const string InsertJournalPrefix =
        "INSERT INTO cp_journal (grain_type, grain_key, seq, event_type, payload, recorded_at) VALUES ";

    public const string UpsertReminder = """
        INSERT INTO cp_reminders (grain_type, grain_key, name, period_ms, next_due_ms, version)
        VALUES (@type, @key, @name, @period, @due, 1)
        ON CONFLICT (grain_type, grain_key, name) DO UPDATE
        SET period_ms = excluded.period_ms, next_due_ms = excluded.next_due_ms, version = cp_reminders.version + 1
        """;

    public const string DeleteReminder = """
        DELETE FROM cp_reminders WHERE grain_type = @type AND grain_key = @key AND name = @name
        """;

    public const string ReadReminders = """
        SELECT grain_type, grain_key, name, period_ms, next_due_ms, version FROM cp_reminders
        WHERE grain_type = @type AND grain_key = @key
        ORDER BY name
        """;

    public const string ReadDueReminders = """
        SELECT grain_type, grain_key, name, period_ms, next_due_ms, version FROM cp_reminders
        WHERE next_due_ms <= @now
        ORDER BY next_due_ms
        LIMIT @limit
        """;

    public const string ClaimReminder = """
        UPDATE cp_reminders SET next_due_ms = @due, version = version + 1
        WHERE grain_type = @type AND grain_key = @key AND name = @name AND version = @version
        """;
}
