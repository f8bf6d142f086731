namespace CoProduce.Grains.Payments.Storage;

public sealed partial class PaymentStore
{
    /// <summary>
    /// The payout rows of claim <c>c</c> whose run has handed its instruction over (the bank file renamed into place,
    /// the provider's acknowledgement): only these make a claim Paid. A payout row of a run still awaiting its export
    /// keeps the claim out of other runs (one file per claim) but does not make it paid.
    /// </summary>
    internal const string HandedOverSql = """
        SELECT 1 FROM cp_pay_ledger l JOIN cp_pay_runs r ON r.run_id = l.run_id
        WHERE l.kind = 'Payout' AND l.claim_id = c.claim_id AND r.status = 'Completed'
        """;

    /// <summary>When claim <c>c</c> was paid: its run's handover.</summary>
    internal const string PaidAtSql = """
        (SELECT MIN(r.finished_ms) FROM cp_pay_ledger l JOIN cp_pay_runs r ON r.run_id = l.run_id
         WHERE l.kind = 'Payout' AND l.claim_id = c.claim_id AND r.status = 'Completed')
        """;

    /// <summary>The run that paid claim <c>c</c>.</summary>
    internal const string PaidRunSql = """
        (SELECT MIN(r.run_id) FROM cp_pay_ledger l JOIN cp_pay_runs r ON r.run_id = l.run_id
         WHERE l.kind = 'Payout' AND l.claim_id = c.claim_id AND r.status = 'Completed')
        """;

    /// <summary>The run's ledger rows are all in: from now on only its handover is retried.</summary>
    public async Task MarkExportPendingAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "UPDATE cp_pay_runs SET status = 'ExportPending' WHERE run_id = @id AND status <> 'Completed'");
        command.AddParameter("@id", Key(runId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Whether the run has written any payout row: such a run holds claims that no other run will pay.</summary>
    public async Task<bool> HoldsPayoutsAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT COUNT(*) FROM cp_pay_ledger WHERE run_id = @id AND kind = 'Payout'");
        command.AddParameter("@id", Key(runId));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>The payers with claims due for payout by <paramref name="week"/>: the scheduled firing starts one run for each.</summary>
    public async Task<IReadOnlyList<PayerRef>> PayersWithDueClaimsAsync(DateOnly week, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT DISTINCT c.payer_kind, c.payer_id FROM cp_pay_claims c
            WHERE c.status = 'Approved' AND (c.in_advance = 1 OR c.pay_week <= @week) AND (c.fee_due_minor > 0 OR c.expenses_minor > 0)
              AND NOT EXISTS (SELECT 1 FROM cp_pay_ledger l WHERE l.kind = 'Payout' AND l.claim_id = c.claim_id)
            ORDER BY c.payer_kind, c.payer_id
            """);
        command.AddParameter("@week", Date(week));
        var payers = new List<PayerRef>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            payers.Add(new PayerRef(Enum.Parse<PayerKind>(reader.GetString(0)), Guid.Parse(reader.GetString(1))));
        }

        return payers;
    }
}
