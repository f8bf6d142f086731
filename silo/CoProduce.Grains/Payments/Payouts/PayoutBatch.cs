using CoProduce.Grains.Payments.Storage;

namespace CoProduce.Grains.Payments.Payouts;

/// <summary>
/// Pays every due claim once, set-wise, in two phases. Ledger: due claims are read a keyset page at a time (each row
/// once), their payout rows are appended in chunks of multi-row INSERTs, each chunk in its own transaction with the
/// run's progress; the run is then ExportPending. Handover: the provider gets the run's rows, and only once it has
/// taken them (the bank file renamed into place) is the run Completed and are its claims Paid. Re-running a run
/// (after a crash) pays only what is still unpaid and hands over all of the run's rows again (the same file, replaced);
/// the ledger's unique index on (claim, line) for payouts makes a second payout of a claim impossible even when two
/// runs race, so each claim is in exactly one run's file.
/// </summary>
public sealed class PayoutBatch(PaymentStore store, IPaymentProvider provider, IPayoutFaults faults, PaymentsOptions options, TimeProvider time)
{
    public async Task<PayoutRunView> RunAsync(Guid runId, PayerRef? payer, CancellationToken cancellationToken)
    {
        var current = await store.GetRunAsync(runId, cancellationToken) ?? throw new InvalidOperationException($"Payout run {runId} is not recorded.");
        if (current.Status == PayoutRunStatus.Completed)
        {
            return current;
        }

        await store.MarkAttemptAsync(runId, cancellationToken);
        if (current.Status != PayoutRunStatus.ExportPending)
        {
            await WriteLedgerAsync(runId, payer, cancellationToken);
            await store.MarkExportPendingAsync(runId, cancellationToken);
        }

        await faults.AtAsync(PayoutStep.LedgerWritten, runId, cancellationToken);
        var run = await store.GetRunAsync(runId, cancellationToken) ?? current;
        var instructions = await store.InstructionsAsync(runId, cancellationToken);

        // A run that found nothing to pay has nothing to hand over: no empty file, nothing to fail.
        var reference = instructions.Count == 0 ? null : await provider.SubmitAsync(run, instructions, cancellationToken);
        await store.CompleteRunAsync(runId, reference, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        return await store.GetRunAsync(runId, cancellationToken) ?? run;
    }

    private async Task WriteLedgerAsync(Guid runId, PayerRef? payer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var week = ClaimRules.WeekOf(DateOnly.FromDateTime(now.UtcDateTime));
        var chunkSize = Math.Clamp(options.ChunkSize, 1, 2000);
        var pageSize = Math.Max(options.PageSize, chunkSize);
        var chunks = 0;
        var after = "";
        await using (var connection = await store.OpenAsync(cancellationToken))
        {
            while (true)
            {
                var page = await PaymentStore.DueClaimsAsync(connection, payer, week, after, pageSize, cancellationToken);
                if (page.Count == 0)
                {
                    break;
                }

                var rows = new List<LedgerRow>(chunkSize * 2);
                foreach (var chunk in page.Chunk(chunkSize))
                {
                    rows.Clear();
                    var recorded = time.GetUtcNow().ToUnixTimeMilliseconds();
                    foreach (var claim in chunk)
                    {
                        AddPayouts(rows, claim, runId, recorded);
                    }

                    await PaymentStore.AppendPayoutChunkAsync(
                        connection, runId, rows, () => faults.AtAsync(PayoutStep.ChunkInTransaction, runId, cancellationToken), cancellationToken);
                    chunks++;
                    if (options.HaltAt is null && options.HaltAfterChunks is { } halt && chunks >= halt)
                    {
                        // Fault injection (tests): the run stays mid-batch until its process is killed.
                        await Task.Delay(Timeout.Infinite, cancellationToken);
                    }
                }

                if (page.Count < pageSize)
                {
                    break;
                }

                after = page[^1].Id.ToString("D");
            }
        }
    }

    /// <summary>The payout rows of one claim: what is owed to each payee leaves the payer's bank account.</summary>
    internal static void AddPayouts(List<LedgerRow> rows, DueClaim claim, Guid runId, long recordedMs)
    {
        if (claim.FeeDueMinor > 0 && claim.FeePayee != FeePayee.None)
        {
            rows.Add(new LedgerRow(
                $"payout:{claim.Id:D}:{LedgerAccounts.Fee}", "Payout", claim.Id, LedgerAccounts.Fee, claim.Payer,
                LedgerAccounts.Owed(claim.Payer, LedgerAccounts.Payee(claim.FeePayee, claim.PersonId)), LedgerAccounts.Bank(claim.Payer),
                claim.FeeDueMinor, claim.Currency, runId, null, claim.Charity, recordedMs));
        }

        if (claim.ExpensesMinor > 0)
        {
            rows.Add(new LedgerRow(
                $"payout:{claim.Id:D}:{LedgerAccounts.Expenses}", "Payout", claim.Id, LedgerAccounts.Expenses, claim.Payer,
                LedgerAccounts.Owed(claim.Payer, LedgerAccounts.Payee(FeePayee.Person, claim.PersonId)), LedgerAccounts.Bank(claim.Payer),
                claim.ExpensesMinor, claim.Currency, runId, null, null, recordedMs));
        }
    }
}
