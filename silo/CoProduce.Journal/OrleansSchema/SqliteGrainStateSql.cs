namespace CoProduce.Journal.OrleansSchema;

/// <summary>
/// Orleans grain state (AdoNetGrainStorage) on SQLite. Orleans runs each text on its own connection without a
/// transaction and reads every result set, so each mutation is one statement and the texts answer with at most one row.
/// </summary>
internal static class SqliteGrainStateSql
{
    // One row per full identity. The extension is nullable and NULLs never clash in a UNIQUE index, so the index
    // covers "is it null" plus the value with NULL mapped to '' (the pair keeps NULL and '' apart).
    public static readonly IReadOnlyList<string> Tables =
    [
        """
        CREATE TABLE IF NOT EXISTS OrleansStorage (
            GrainIdHash            INTEGER NOT NULL,
            GrainIdN0              INTEGER NOT NULL,
            GrainIdN1              INTEGER NOT NULL,
            GrainTypeHash          INTEGER NOT NULL,
            GrainTypeString        TEXT    NOT NULL,
            GrainIdExtensionString TEXT    NULL,
            ServiceId              TEXT    NOT NULL,
            PayloadBinary          BLOB    NULL,
            ModifiedOn             TEXT    NOT NULL,
            Version                INTEGER NOT NULL
        )
        """,
        """
        CREATE UNIQUE INDEX IF NOT EXISTS OrleansStorage_Identity ON OrleansStorage (
            ServiceId, GrainTypeString, GrainIdN0, GrainIdN1,
            GrainIdExtensionString IS NULL, IFNULL(GrainIdExtensionString, ''))
        """,
    ];

    // The hashes narrow nothing the index does not, but every bound parameter is referenced on purpose.
    private const string Identity = """
        ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString AND GrainTypeHash = @GrainTypeHash
          AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainIdHash = @GrainIdHash
          AND GrainIdExtensionString IS @GrainIdExtensionString
        """;

    private const string Now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    public const string Read = $"""
        SELECT PayloadBinary, Version FROM OrleansStorage
        WHERE {Identity}
        """;

    // Three statements, of which at most one writes: the first write (no ETag) inserts version 1 unless the row
    // exists (a lost race answers nothing, which Orleans reports as a conflict); a versioned write updates only the
    // version it was given; if that changed nothing, the sent version is echoed, which Orleans also reads as a conflict.
    public const string Write = $"""
        INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
            GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
        SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
            @GrainIdExtensionString, @ServiceId, @PayloadBinary, {Now}, 1
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING Version AS NewGrainStateVersion;
        UPDATE OrleansStorage SET PayloadBinary = @PayloadBinary, Version = Version + 1, ModifiedOn = {Now}
        WHERE {Identity} AND Version = @GrainStateVersion
        RETURNING Version AS NewGrainStateVersion;
        SELECT @GrainStateVersion AS NewGrainStateVersion WHERE @GrainStateVersion IS NOT NULL AND changes() = 0;
        """;

    // A tombstone: the row stays with a higher version and no payload, so a writer holding an older ETag stays refused.
    public const string Clear = $"""
        UPDATE OrleansStorage SET PayloadBinary = NULL, Version = Version + 1, ModifiedOn = {Now}
        WHERE {Identity} AND Version = @GrainStateVersion
        RETURNING Version AS NewGrainStateVersion;
        SELECT @GrainStateVersion AS NewGrainStateVersion WHERE changes() = 0;
        """;

    public static IReadOnlyDictionary<string, string> Queries { get; } = new Dictionary<string, string>
    {
        [OrleansQueryKeys.ReadFromStorage] = Read,
        [OrleansQueryKeys.WriteToStorage] = Write,
        [OrleansQueryKeys.ClearStorage] = Clear,
    };
}
