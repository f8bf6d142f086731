using System.Data.Common;
using System.Globalization;

namespace CoProduce.Grains.Payments.Storage;

/// <summary>A claim due for payout, as read once by the batch.</summary>
public sealed record DueClaim(Guid Id, Guid PersonId, PayerRef Payer, string Currency, long FeeDueMinor, FeePayee FeePayee, string? Charity, long ExpensesMinor);

/// <summary>One line of a bank bulk-payment file: a payout row with who it goes to.</summary>
public sealed record PayoutInstruction(long EntryId, Guid ClaimId, Guid PersonId, PayerRef Payer, string Line, string PayeeAccount, string? Charity, long AmountMinor, string Currency);

public sealed partial class PaymentStore
{
    private const string RunColumns =
        "run_id, payer_kind, payer_id, trigger_name, status, attempts, claims_paid, entries, amount_minor, started_ms, finished_ms, export_ref, last_error";

    /// <summary>Records a run (once: a second call with the same id changes nothing). True when it was new.</summary>
    public async Task<bool> CreateRunAsync(Guid runId, PayerRef? payer, string trigger, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, $"""
            INSERT INTO cp_pay_runs ({RunColumns})
            VALUES (@id, @kind, @payer, @trigger, 'Running', 0, 0, 0, 0, @now, NULL, NULL, NULL)
            ON CONFLICT DO NOTHING
            """);
        command.AddParameter("@id", Key(runId));
        command.AddParameter("@kind", payer?.Kind.ToString());
        command.AddParameter("@payer", payer is null ? null : Key(payer.Id));
        command.AddParameter("@trigger", trigger);
        command.AddParameter("@now", nowMs);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<PayoutRunView?> GetRunAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT {RunColumns} FROM cp_pay_runs WHERE run_id = @id");
        command.AddParameter("@id", Key(runId));
        return (await ReadRuns(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<(IReadOnlyList<PayoutRunView> Items, int Total)> RunsAsync(PayerRef payer, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        int total;
        await using (var count = Command(connection, null, "SELECT COUNT(*) FROM cp_pay_runs WHERE payer_kind = @kind AND payer_id = @payer"))
        {
            count.AddParameter("@kind", payer.Kind.ToString());
            count.AddParameter("@payer", Key(payer.Id));
            total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        await using var command = Command(connection, null,
            $"SELECT {RunColumns} FROM cp_pay_runs WHERE payer_kind = @kind AND payer_id = @payer ORDER BY started_ms DESC, run_id LIMIT @limit OFFSET @offset");
        command.AddParameter("@kind", payer.Kind.ToString());
        command.AddParameter("@payer", Key(payer.Id));
        command.AddParameter("@limit", limit);
        command.AddParameter("@offset", offset);
        return (await ReadRuns(command, cancellationToken), total);
    }

    /// <summary>
    /// Runs that started and never handed their instruction over (their process may have died, their export failed),
    /// oldest first, each with the Hangfire job last given it (none for runs older than Hangfire).
    /// </summary>
    public async Task<IReadOnlyList<(Guid RunId, PayerRef? Payer, string? JobId)>> UnfinishedRunsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT run_id, payer_kind, payer_id, job_id FROM cp_pay_runs WHERE status IN ('Running', 'ExportPending') ORDER BY started_ms");
        var runs = new List<(Guid, PayerRef?, string?)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add((
                Guid.Parse(reader.GetString(0)),
                reader.IsDBNull(1) ? null : new PayerRef(Enum.Parse<PayerKind>(reader.GetString(1)), Guid.Parse(reader.GetString(2))),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return runs;
    }

    /// <summary>Records the Hangfire job that now runs the run.</summary>
    public async Task SetRunJobAsync(Guid runId, string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "UPDATE cp_pay_runs SET job_id = @job WHERE run_id = @id");
        command.AddParameter("@id", Key(runId));
        command.AddParameter("@job", jobId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task MarkAttemptAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            UPDATE cp_pay_runs SET attempts = attempts + 1, finished_ms = NULL,
                status = CASE WHEN status = 'ExportPending' THEN status ELSE 'Running' END
            WHERE run_id = @id AND status <> 'Completed'
            """);
        command.AddParameter("@id", Key(runId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// One keyset page of claims due for payout: approved, due by <paramref name="week"/> (or asked for in advance),
    /// with something to pay, and no payout row yet. Read once per page; never re-read per chunk.
    /// </summary>
    public static async Task<IReadOnlyList<DueClaim>> DueClaimsAsync(
        DbConnection connection, PayerRef? payer, DateOnly week, string after, int pageSize, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null, $"""
            SELECT c.claim_id, c.person_id, c.payer_kind, c.payer_id, c.currency, c.fee_due_minor, c.fee_payee, c.charity, c.expenses_minor
            FROM cp_pay_claims c
            WHERE c.status = 'Approved' AND c.claim_id > @after
              AND (c.in_advance = 1 OR c.pay_week <= @week)
              AND (c.fee_due_minor > 0 OR c.expenses_minor > 0)
              {(payer is null ? "" : "AND c.payer_kind = @kind AND c.payer_id = @payer")}
              AND NOT EXISTS (SELECT 1 FROM cp_pay_ledger l WHERE l.kind = 'Payout' AND l.claim_id = c.claim_id)
            ORDER BY c.claim_id
            LIMIT @page
            """);
        command.AddParameter("@after", after);
        command.AddParameter("@week", Date(week));
        command.AddParameter("@page", pageSize);
        if (payer is not null)
        {
            command.AddParameter("@kind", payer.Kind.ToString());
            command.AddParameter("@payer", Key(payer.Id));
        }

        var due = new List<DueClaim>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new DueClaim(
                Guid.Parse(reader.GetString(0)),
                Guid.Parse(reader.GetString(1)),
                new PayerRef(Enum.Parse<PayerKind>(reader.GetString(2)), Guid.Parse(reader.GetString(3))),
                reader.GetString(4),
                Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture),
                Enum.Parse<FeePayee>(reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                Convert.ToInt64(reader.GetValue(8), CultureInfo.InvariantCulture)));
        }

        return due;
    }

    /// <summary>
    /// Appends one chunk of payout rows and the run's progress in one transaction; <paramref name="beforeCommit"/> runs
    /// inside it, after the writes (a fault there rolls the chunk back).
    /// </summary>
    public static async Task<int> AppendPayoutChunkAsync(
        DbConnection connection, Guid runId, IReadOnlyList<LedgerRow> rows, Func<ValueTask> beforeCommit, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var written = await AppendAsync(connection, transaction, rows, cancellationToken);
        await using (var progress = Command(connection, transaction,
            "UPDATE cp_pay_runs SET entries = entries + @n, amount_minor = amount_minor + @amount WHERE run_id = @id"))
        {
            progress.AddParameter("@n", written);
            progress.AddParameter("@amount", written == rows.Count ? rows.Sum(r => r.AmountMinor) : 0L);
            progress.AddParameter("@id", Key(runId));
            await progress.ExecuteNonQueryAsync(cancellationToken);
        }

        await beforeCommit();
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>The run's payout rows, in entry order, for the payment provider's file.</summary>
    public async Task<IReadOnlyList<PayoutInstruction>> InstructionsAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT l.entry_id, l.claim_id, c.person_id, l.payer_kind, l.payer_id, l.line, l.debit_account, c.charity, l.amount_minor, l.currency
            FROM cp_pay_ledger l JOIN cp_pay_claims c ON c.claim_id = l.claim_id
            WHERE l.run_id = @id AND l.kind = 'Payout'
            ORDER BY l.entry_id
            """);
        command.AddParameter("@id", Key(runId));
        var rows = new List<PayoutInstruction>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var line = reader.GetString(5);
            rows.Add(new PayoutInstruction(
                Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                Guid.Parse(reader.GetString(1)),
                Guid.Parse(reader.GetString(2)),
                new PayerRef(Enum.Parse<PayerKind>(reader.GetString(3)), Guid.Parse(reader.GetString(4))),
                line,
                reader.GetString(6),
                line == LedgerAccounts.Fee && !reader.IsDBNull(7) ? reader.GetString(7) : null,
                Convert.ToInt64(reader.GetValue(8), CultureInfo.InvariantCulture),
                reader.GetString(9)));
        }

        return rows;
    }

    /// <summary>Finishes a run: its totals are recounted from the ledger, so they are exact even after a crash and resume.</summary>
    public async Task CompleteRunAsync(Guid runId, string? exportRef, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            UPDATE cp_pay_runs SET status = 'Completed', finished_ms = @now, export_ref = @export, last_error = NULL,
                claims_paid = (SELECT COUNT(DISTINCT claim_id) FROM cp_pay_ledger WHERE run_id = @id AND kind = 'Payout'),
                entries = (SELECT COUNT(*) FROM cp_pay_ledger WHERE run_id = @id AND kind = 'Payout'),
                amount_minor = (SELECT COALESCE(SUM(amount_minor), 0) FROM cp_pay_ledger WHERE run_id = @id AND kind = 'Payout')
            WHERE run_id = @id
            """);
        command.AddParameter("@id", Key(runId));
        command.AddParameter("@now", nowMs);
        command.AddParameter("@export", exportRef);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Records a failure: the run keeps its status (Running, ExportPending) when it will be retried, and is Failed when
    /// it will not (only a run that holds no claim is ever given up).
    /// </summary>
    public async Task RecordRunErrorAsync(Guid runId, string error, bool final, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            UPDATE cp_pay_runs SET last_error = @error, finished_ms = @finished,
                status = CASE WHEN @status = 'Failed' THEN 'Failed' WHEN status = 'ExportPending' THEN status ELSE 'Running' END
            WHERE run_id = @id AND status <> 'Completed'
            """);
        command.AddParameter("@id", Key(runId));
        command.AddParameter("@error", error.Length > 1000 ? error[..1000] : error);
        command.AddParameter("@status", final ? "Failed" : "Running");
        command.AddParameter("@finished", final ? nowMs : null);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<PayoutRunView>> ReadRuns(DbCommand command, CancellationToken cancellationToken)
    {
        var runs = new List<PayoutRunView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            long? Long(int i) => reader.IsDBNull(i) ? null : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
            runs.Add(new PayoutRunView(
                Guid.Parse(reader.GetString(0)),
                reader.IsDBNull(1) ? null : new PayerRef(Enum.Parse<PayerKind>(reader.GetString(1)), Guid.Parse(reader.GetString(2))),
                reader.GetString(3),
                Enum.Parse<PayoutRunStatus>(reader.GetString(4)),
                (int)Long(5)!.Value,
                (int)Long(6)!.Value,
                (int)Long(7)!.Value,
                Money.FromMinor(Long(8)!.Value),
                DateTimeOffset.FromUnixTimeMilliseconds(Long(9)!.Value),
                Long(10) is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null,
                reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetString(12)));
        }

        return runs;
    }
}
