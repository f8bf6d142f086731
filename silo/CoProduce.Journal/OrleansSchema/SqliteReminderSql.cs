namespace CoProduce.Journal.OrleansSchema;

/// <summary>
/// Orleans reminders (AdoNetReminderTable) on SQLite; Orleans ships no SQLite script for them. Hashes are stored as
/// the signed 32-bit values Orleans binds, and the range queries compare them signed, as the provider expects.
/// </summary>
internal static class SqliteReminderSql
{
    public static readonly IReadOnlyList<string> Tables =
    [
        """
        CREATE TABLE IF NOT EXISTS OrleansRemindersTable (
            ServiceId    TEXT    NOT NULL,
            GrainId      TEXT    NOT NULL,
            ReminderName TEXT    NOT NULL,
            StartTime    TEXT    NOT NULL,
            Period       INTEGER NOT NULL,
            GrainHash    INTEGER NOT NULL,
            Version      INTEGER NOT NULL,
            PRIMARY KEY (ServiceId, GrainId, ReminderName)
        )
        """,
        "CREATE INDEX IF NOT EXISTS OrleansRemindersTable_GrainHash ON OrleansRemindersTable (ServiceId, GrainHash)",
    ];

    private const string Columns = "GrainId, ReminderName, StartTime, Period, Version";

    public static IReadOnlyDictionary<string, string> Queries { get; } = new Dictionary<string, string>
    {
        [OrleansQueryKeys.ReadReminderRows] = $"""
            SELECT {Columns} FROM OrleansRemindersTable
            WHERE ServiceId = @ServiceId AND GrainId = @GrainId
            """,
        [OrleansQueryKeys.ReadReminderRow] = $"""
            SELECT {Columns} FROM OrleansRemindersTable
            WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName
            """,
        [OrleansQueryKeys.ReadRangeRows1] = $"""
            SELECT {Columns} FROM OrleansRemindersTable
            WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash
            """,
        [OrleansQueryKeys.ReadRangeRows2] = $"""
            SELECT {Columns} FROM OrleansRemindersTable
            WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash)
            """,
        // Blind by contract: the reminder service replaces a registration without an ETag and keeps the new version.
        [OrleansQueryKeys.UpsertReminderRow] = """
            INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
            VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 1)
            ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE SET
                StartTime = excluded.StartTime, Period = excluded.Period, GrainHash = excluded.GrainHash,
                Version = OrleansRemindersTable.Version + 1
            RETURNING Version
            """,
        [OrleansQueryKeys.DeleteReminderRow] = """
            DELETE FROM OrleansRemindersTable
            WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version;
            SELECT changes();
            """,
        [OrleansQueryKeys.DeleteReminderRows] = "DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId",
    };
}
