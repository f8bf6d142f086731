namespace CoProduce.Journal.OrleansSchema;

/// <summary>
/// Orleans reminders (AdoNetReminderTable) on PostgreSQL: timestamptz start times (Orleans binds UTC DateTimes, which
/// Npgsql sends as timestamptz), signed 32-bit hashes compared signed.
/// </summary>
internal static class PostgresReminderSql
{
    public static readonly IReadOnlyList<string> Tables =
    [
        """
        CREATE TABLE IF NOT EXISTS OrleansRemindersTable (
            ServiceId    text        NOT NULL,
            GrainId      text        NOT NULL,
            ReminderName text        NOT NULL,
            StartTime    timestamptz NOT NULL,
            Period       bigint      NOT NULL,
            GrainHash    integer     NOT NULL,
            Version      integer     NOT NULL,
            CONSTRAINT OrleansRemindersTable_Key PRIMARY KEY (ServiceId, GrainId, ReminderName)
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
            WITH deleted AS (
                DELETE FROM OrleansRemindersTable
                WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version
                RETURNING 1
            )
            SELECT COUNT(*)::integer FROM deleted
            """,
        [OrleansQueryKeys.DeleteReminderRows] = "DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId",
    };
}
