namespace CoProduce.Journal.OrleansSchema;

/// <summary>
/// Orleans grain state (AdoNetGrainStorage) on PostgreSQL. Each text is one statement, so it is atomic without the
/// transaction Orleans does not open, and it answers with at most one row.
/// </summary>
internal static class PostgresGrainStateSql
{
    // One row per full identity; the expression pair keeps a NULL extension unique (and apart from '') on any version.
    public static readonly IReadOnlyList<string> Tables =
    [
        """
        CREATE TABLE IF NOT EXISTS OrleansStorage (
            GrainIdHash            integer     NOT NULL,
            GrainIdN0              bigint      NOT NULL,
            GrainIdN1              bigint      NOT NULL,
            GrainTypeHash          integer     NOT NULL,
            GrainTypeString        text        NOT NULL,
            GrainIdExtensionString text        NULL,
            ServiceId              text        NOT NULL,
            PayloadBinary          bytea       NULL,
            ModifiedOn             timestamptz NOT NULL,
            Version                integer     NOT NULL
        )
        """,
        """
        CREATE UNIQUE INDEX IF NOT EXISTS OrleansStorage_Identity ON OrleansStorage (
            ServiceId, GrainTypeString, GrainIdN0, GrainIdN1,
            (GrainIdExtensionString IS NULL), COALESCE(GrainIdExtensionString, ''))
        """,
    ];

    private const string Identity = """
        ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString AND GrainTypeHash = @GrainTypeHash
          AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainIdHash = @GrainIdHash
          AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
        """;

    public const string Read = $"""
        SELECT PayloadBinary, Version FROM OrleansStorage
        WHERE {Identity}
        """;

    // At most one branch writes: the insert only without an ETag (a lost race inserts nothing and answers nothing,
    // a conflict for Orleans), the update only at the sent version; a refused update echoes the sent version.
    public const string Write = $"""
        WITH inserted AS (
            INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
                GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
            SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
                @GrainIdExtensionString, @ServiceId, @PayloadBinary, now(), 1
            WHERE @GrainStateVersion IS NULL
            ON CONFLICT DO NOTHING
            RETURNING Version
        ), updated AS (
            UPDATE OrleansStorage SET PayloadBinary = @PayloadBinary, Version = Version + 1, ModifiedOn = now()
            WHERE {Identity} AND Version = @GrainStateVersion
            RETURNING Version
        )
        SELECT Version AS NewGrainStateVersion FROM inserted
        UNION ALL SELECT Version FROM updated
        UNION ALL SELECT @GrainStateVersion WHERE @GrainStateVersion IS NOT NULL AND NOT EXISTS (SELECT 1 FROM updated)
        """;

    // A tombstone: the row keeps a higher version and no payload, so older ETags stay refused.
    public const string Clear = $"""
        WITH cleared AS (
            UPDATE OrleansStorage SET PayloadBinary = NULL, Version = Version + 1, ModifiedOn = now()
            WHERE {Identity} AND Version = @GrainStateVersion
            RETURNING Version
        )
        SELECT Version AS NewGrainStateVersion FROM cleared
        UNION ALL SELECT @GrainStateVersion WHERE NOT EXISTS (SELECT 1 FROM cleared)
        """;

    public static IReadOnlyDictionary<string, string> Queries { get; } = new Dictionary<string, string>
    {
        [OrleansQueryKeys.ReadFromStorage] = Read,
        [OrleansQueryKeys.WriteToStorage] = Write,
        [OrleansQueryKeys.ClearStorage] = Clear,
    };
}
