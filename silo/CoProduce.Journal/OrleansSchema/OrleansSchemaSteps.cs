namespace CoProduce.Journal.OrleansSchema;

/// <summary>
/// The database side of Orleans 10.4.2's ADO.NET providers, as DDL statements for one migration step of each
/// dialect: the tables and the <c>OrleansQuery</c> rows the providers read at start-up. Every statement may run again
/// on a database that has it (IF NOT EXISTS, upserted rows). Embedded SQLite gets grain state and reminders (its
/// cluster is localhost clustering, which needs no table); PostgreSQL also gets membership.
/// </summary>
internal static class OrleansSchemaSteps
{
    public static IReadOnlyList<string> Sqlite { get; } =
    [
        OrleansQueryRows.CreateTable,
        .. SqliteGrainStateSql.Tables,
        .. SqliteReminderSql.Tables,
        .. OrleansQueryRows.UpsertAll(SqliteGrainStateSql.Queries),
        .. OrleansQueryRows.UpsertAll(SqliteReminderSql.Queries),
    ];

    public static IReadOnlyList<string> Postgres { get; } =
    [
        OrleansQueryRows.CreateTable,
        .. PostgresGrainStateSql.Tables,
        .. PostgresReminderSql.Tables,
        .. PostgresClusteringSql.Tables,
        .. OrleansQueryRows.UpsertAll(PostgresGrainStateSql.Queries),
        .. OrleansQueryRows.UpsertAll(PostgresReminderSql.Queries),
        .. OrleansQueryRows.UpsertAll(PostgresClusteringSql.Queries),
    ];
}
