namespace CoProduce.Grains.Payments.Storage;

/// <summary>
/// The payments tables, per database: claims, the append-only double-entry ledger and payout runs. Steps are never
/// reused; add a new version instead. (PostgreSQL step 2 created Quartz's job store; jobs moved to Hangfire, which
/// keeps its own schema, so step 2 is empty now and step 4 drops those tables where they exist.)
/// </summary>
internal static class PaymentSchema
{
    public const string MigrationTable = "cp_payments_migrations";

    public static IReadOnlyList<(int Version, IReadOnlyList<string> Statements)> For(bool postgres) =>
        postgres
            ? [(1, [.. Common(postgres), .. PostgresLedger]), (2, []), (3, Handover), (4, [.. DropQuartz, RunJob])]
            : [(1, [.. Common(postgres), .. SqliteLedger]), (2, Handover), (3, [RunJob])];

    // The Hangfire job that runs (and retries) the run: a node starting resumes unfinished runs whose job is gone.
    private const string RunJob = "ALTER TABLE cp_pay_runs ADD COLUMN job_id text NULL";

    private static readonly string[] DropQuartz =
    [
        .. new[]
        {
            "qrtz_fired_triggers", "qrtz_paused_trigger_grps", "qrtz_scheduler_state", "qrtz_locks", "qrtz_simple_triggers",
            "qrtz_simprop_triggers", "qrtz_cron_triggers", "qrtz_blob_triggers", "qrtz_triggers", "qrtz_job_details", "qrtz_calendars",
        }.Select(table => $"DROP TABLE IF EXISTS {table}"),
    ];

    // A claim is paid once its run has handed the instruction over (status Completed). Runs that failed after writing
    // payout rows (before this rule) hold claims that no file lists: they await their export again and are retried.
    private static readonly string[] Handover =
    [
        """
        UPDATE cp_pay_runs SET status = 'ExportPending', finished_ms = NULL
        WHERE status = 'Failed' AND EXISTS (SELECT 1 FROM cp_pay_ledger l WHERE l.run_id = cp_pay_runs.run_id AND l.kind = 'Payout')
        """,
        "CREATE INDEX cp_pay_runs_status_ix ON cp_pay_runs (status)",
    ];

    private static IEnumerable<string> Common(bool postgres)
    {
        var integer = postgres ? "bigint" : "INTEGER";
        yield return $"""
            CREATE TABLE cp_pay_claims (
                claim_id         text    NOT NULL PRIMARY KEY,
                project_id       text    NOT NULL,
                person_id        text    NOT NULL,
                payer_kind       text    NOT NULL,
                payer_id         text    NOT NULL,
                currency         text    NOT NULL,
                activity_date    text    NOT NULL,
                pay_week         text    NOT NULL,
                role             text    NULL,
                activity         text    NULL,
                unit             text    NULL,
                quantity         text    NULL,
                rate_minor       {integer} NULL,
                fee_minor        {integer} NOT NULL CHECK (fee_minor >= 0),
                fee_due_minor    {integer} NOT NULL CHECK (fee_due_minor >= 0),
                fee_payee        text    NOT NULL,
                charity          text    NULL,
                choice           text    NULL,
                expenses_minor   {integer} NOT NULL CHECK (expenses_minor >= 0),
                expenses_json    text    NOT NULL,
                in_advance       {integer} NOT NULL,
                note             text    NULL,
                status           text    NOT NULL,
                entered_by       text    NOT NULL,
                supported_by     text    NULL,
                submitted_ms     {integer} NOT NULL,
                due_by_ms        {integer} NOT NULL,
                decided_by       text    NULL,
                decided_ms       {integer} NULL,
                rejection_reason text    NULL,
                limit_json       text    NULL,
                limit_confirmed  {integer} NOT NULL,
                version          {integer} NOT NULL
            )
            """;
        yield return "CREATE INDEX cp_pay_claims_due_ix ON cp_pay_claims (status, claim_id)";
        yield return "CREATE INDEX cp_pay_claims_person_ix ON cp_pay_claims (person_id, pay_week)";
        yield return "CREATE INDEX cp_pay_claims_project_ix ON cp_pay_claims (project_id, submitted_ms)";
        yield return "CREATE INDEX cp_pay_claims_payer_ix ON cp_pay_claims (payer_kind, payer_id, status)";
        yield return $"""
            CREATE TABLE cp_pay_runs (
                run_id       text    NOT NULL PRIMARY KEY,
                payer_kind   text    NULL,
                payer_id     text    NULL,
                trigger_name text    NOT NULL,
                status       text    NOT NULL,
                attempts     {integer} NOT NULL,
                claims_paid  {integer} NOT NULL,
                entries      {integer} NOT NULL,
                amount_minor {integer} NOT NULL,
                started_ms   {integer} NOT NULL,
                finished_ms  {integer} NULL,
                export_ref   text    NULL,
                last_error   text    NULL
            )
            """;
    }

    // The ledger columns are the same on both databases; only the identity and the refusal triggers differ.
    private const string LedgerColumns = """
                idempotency_key text   NOT NULL UNIQUE,
                kind            text   NOT NULL CHECK (kind IN ('Accrual', 'Payout', 'Reversal')),
                claim_id        text   NULL,
                line            text   NULL,
                payer_kind      text   NOT NULL,
                payer_id        text   NOT NULL,
                debit_account   text   NOT NULL,
                credit_account  text   NOT NULL CHECK (credit_account <> debit_account),
                amount_minor    bigint NOT NULL CHECK (amount_minor > 0),
                currency        text   NOT NULL,
                run_id          text   NULL,
                reverses        bigint NULL UNIQUE REFERENCES cp_pay_ledger (entry_id),
                memo            text   NULL,
                recorded_ms     bigint NOT NULL
            """;

    // One payout and one accrual per claim line, whatever runs, retries or nodes try: the database says no.
    private static readonly string[] LedgerIndexes =
    [
        "CREATE UNIQUE INDEX cp_pay_ledger_one_payout ON cp_pay_ledger (claim_id, line) WHERE kind = 'Payout'",
        "CREATE UNIQUE INDEX cp_pay_ledger_one_accrual ON cp_pay_ledger (claim_id, line) WHERE kind = 'Accrual'",
        "CREATE INDEX cp_pay_ledger_run_ix ON cp_pay_ledger (run_id) WHERE run_id IS NOT NULL",
        "CREATE INDEX cp_pay_ledger_payer_ix ON cp_pay_ledger (payer_kind, payer_id)",
    ];

    private static readonly string[] PostgresLedger =
    [
        $"""
        CREATE TABLE cp_pay_ledger (
            entry_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        {LedgerColumns}
        )
        """,
        .. LedgerIndexes,
        """
        CREATE FUNCTION cp_pay_ledger_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'cp_pay_ledger is append-only: % refused; correct an entry with a reversal entry', TG_OP
                USING ERRCODE = 'integrity_constraint_violation';
        END
        $$
        """,
        "CREATE TRIGGER cp_pay_ledger_append_only BEFORE UPDATE OR DELETE ON cp_pay_ledger FOR EACH ROW EXECUTE FUNCTION cp_pay_ledger_refuse()",
        "CREATE TRIGGER cp_pay_ledger_no_truncate BEFORE TRUNCATE ON cp_pay_ledger FOR EACH STATEMENT EXECUTE FUNCTION cp_pay_ledger_refuse()",
    ];

    private static readonly string[] SqliteLedger =
    [
        $"""
        CREATE TABLE cp_pay_ledger (
            entry_id INTEGER PRIMARY KEY AUTOINCREMENT,
        {LedgerColumns}
        )
        """,
        .. LedgerIndexes,
        """
        CREATE TRIGGER cp_pay_ledger_no_update BEFORE UPDATE ON cp_pay_ledger
        BEGIN SELECT RAISE(ABORT, 'cp_pay_ledger is append-only: UPDATE refused; correct an entry with a reversal entry'); END
        """,
        """
        CREATE TRIGGER cp_pay_ledger_no_delete BEFORE DELETE ON cp_pay_ledger
        BEGIN SELECT RAISE(ABORT, 'cp_pay_ledger is append-only: DELETE refused; correct an entry with a reversal entry'); END
        """,
    ];
}
