namespace CoProduce.Journal.OrleansSchema;

/// <summary>
/// Orleans membership (AdoNetClusteringTable) on PostgreSQL. One version row per cluster id is the ETag of the
/// whole table: every member insert or update checks and bumps it in the same statement, and the bump happens only
/// when the member write did something. Status 3 is Active, 6 is Dead.
/// </summary>
internal static class PostgresClusteringSql
{
    public static readonly IReadOnlyList<string> Tables =
    [
        """
        CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable (
            DeploymentId text        NOT NULL PRIMARY KEY,
            Timestamp    timestamptz NOT NULL DEFAULT now(),
            Version      integer     NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS OrleansMembershipTable (
            DeploymentId text        NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId) ON DELETE CASCADE,
            Address      text        NOT NULL,
            Port         integer     NOT NULL,
            Generation   integer     NOT NULL,
            SiloName     text        NOT NULL,
            HostName     text        NOT NULL,
            Status       integer     NOT NULL,
            ProxyPort    integer     NOT NULL,
            SuspectTimes text        NULL,
            StartTime    timestamptz NOT NULL,
            IAmAliveTime timestamptz NOT NULL,
            CONSTRAINT OrleansMembershipTable_Key PRIMARY KEY (DeploymentId, Address, Port, Generation)
        )
        """,
    ];

    private const string MemberColumns = """
        m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort, m.SuspectTimes,
        m.StartTime, m.IAmAliveTime, v.Version
        """;

    private const string ThisMember = "DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation";

    // The version row is locked first (FOR UPDATE re-checks Version after a concurrent bump), the member write reads
    // it, and the bump reads the member write: a stale version or a write that did nothing leaves the version alone.
    private const string LockVersion = """
        SELECT DeploymentId FROM OrleansMembershipVersionTable
        WHERE DeploymentId = @DeploymentId AND Version = @Version
        FOR UPDATE
        """;

    private const string BumpAfter = """
        UPDATE OrleansMembershipVersionTable SET Version = Version + 1, Timestamp = now()
        WHERE DeploymentId IN (SELECT DeploymentId FROM written)
        RETURNING 1
        """;

    public static IReadOnlyDictionary<string, string> Queries { get; } = new Dictionary<string, string>
    {
        // 1 when this call created the row, 0 when it existed; never an error.
        [OrleansQueryKeys.InsertMembershipVersion] = """
            WITH inserted AS (
                INSERT INTO OrleansMembershipVersionTable (DeploymentId, Timestamp, Version)
                VALUES (@DeploymentId, now(), 0)
                ON CONFLICT DO NOTHING
                RETURNING 1
            )
            SELECT COUNT(*)::integer FROM inserted
            """,
        // Always at least the version row: Orleans reads the table version from the first row.
        [OrleansQueryKeys.MembershipReadAll] = $"""
            SELECT {MemberColumns}
            FROM OrleansMembershipVersionTable v
            LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
            WHERE v.DeploymentId = @DeploymentId
            """,
        [OrleansQueryKeys.MembershipReadRow] = $"""
            SELECT {MemberColumns}
            FROM OrleansMembershipVersionTable v
            LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
                AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
            WHERE v.DeploymentId = @DeploymentId
            """,
        [OrleansQueryKeys.InsertMembership] = $"""
            WITH current_version AS (
                {LockVersion}
            ), written AS (
                INSERT INTO OrleansMembershipTable (DeploymentId, Address, Port, Generation, SiloName, HostName, Status,
                    ProxyPort, StartTime, IAmAliveTime)
                SELECT DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
                    @ProxyPort, @StartTime, @IAmAliveTime
                FROM current_version
                ON CONFLICT DO NOTHING
                RETURNING DeploymentId
            ), bumped AS (
                {BumpAfter}
            )
            SELECT COUNT(*)::integer FROM bumped
            """,
        [OrleansQueryKeys.UpdateMembership] = $"""
            WITH current_version AS (
                {LockVersion}
            ), written AS (
                UPDATE OrleansMembershipTable SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
                WHERE {ThisMember} AND EXISTS (SELECT 1 FROM current_version)
                RETURNING DeploymentId
            ), bumped AS (
                {BumpAfter}
            )
            SELECT COUNT(*)::integer FROM bumped
            """,
        // Heart-beats do not touch the version; an out-of-order older time never moves the row back.
        [OrleansQueryKeys.UpdateIAmAlivetime] = $"""
            UPDATE OrleansMembershipTable SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
            WHERE {ThisMember}
            """,
        [OrleansQueryKeys.Gateways] = """
            SELECT Address, ProxyPort, Generation FROM OrleansMembershipTable
            WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0
            """,
        // The members go with their version row (ON DELETE CASCADE).
        [OrleansQueryKeys.DeleteMembershipTableEntries] = """
            DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId
            """,
        // Only dead silos are ever cleaned up; a live silo that was slow to heart-beat keeps its row.
        [OrleansQueryKeys.CleanupDefunctSiloEntries] = """
            DELETE FROM OrleansMembershipTable
            WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status = 6
            """,
        // Newest form, preferred by 10.4.2 when present: one dead row, only if nothing changed since Orleans read it.
        // Orleans re-serializes SuspectTimes, so an empty list and NULL count as the same.
        [OrleansQueryKeys.CleanupDefunctSiloEntry] = $"""
            DELETE FROM OrleansMembershipTable
            WHERE {ThisMember} AND Status = 6 AND StartTime = @StartTime AND IAmAliveTime = @IAmAliveTime
              AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '')
            """,
    };
}
