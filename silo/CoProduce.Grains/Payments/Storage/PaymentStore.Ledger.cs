using System.Data.Common;
using System.Globalization;
using System.Text;
using Npgsql;

namespace CoProduce.Grains.Payments.Storage;

public sealed partial class PaymentStore
{
    private const string LedgerInsertPrefix = """
        INSERT INTO cp_pay_ledger (idempotency_key, kind, claim_id, line, payer_kind, payer_id, debit_account, credit_account,
            amount_minor, currency, run_id, reverses, memo, recorded_ms) VALUES
        """;

    private const int LedgerParameters = 14;

    /// <summary>
    /// Appends rows in one multi-row INSERT; a row whose idempotency key (or claim line) is already there is
    /// skipped, not an error. Returns how many rows were written.
    /// </summary>
    internal static async Task<int> AppendAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<LedgerRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        if (connection is NpgsqlConnection postgres)
        {
            return await AppendPostgresAsync(postgres, transaction, rows, cancellationToken);
        }

        var sql = new StringBuilder(LedgerInsertPrefix.Length + (rows.Count * 120)).Append(LedgerInsertPrefix);
        await using var command = Command(connection, transaction, "");
        for (var i = 0; i < rows.Count; i++)
        {
            var p = i * LedgerParameters;
            sql.Append(i == 0 ? "(" : ",(");
            for (var j = 0; j < LedgerParameters; j++)
            {
                sql.Append(j == 0 ? "@p" : ",@p").Append((p + j).ToString(CultureInfo.InvariantCulture));
            }

            sql.Append(')');
            var row = rows[i];
            command.AddParameter($"@p{p}", row.IdempotencyKey);
            command.AddParameter($"@p{p + 1}", row.Kind);
            command.AddParameter($"@p{p + 2}", row.ClaimId is { } claim ? Key(claim) : null);
            command.AddParameter($"@p{p + 3}", row.Line);
            command.AddParameter($"@p{p + 4}", row.Payer.Kind.ToString());
            command.AddParameter($"@p{p + 5}", Key(row.Payer.Id));
            command.AddParameter($"@p{p + 6}", row.DebitAccount);
            command.AddParameter($"@p{p + 7}", row.CreditAccount);
            command.AddParameter($"@p{p + 8}", row.AmountMinor);
            command.AddParameter($"@p{p + 9}", row.Currency);
            command.AddParameter($"@p{p + 10}", row.RunId is { } run ? Key(run) : null);
            command.AddParameter($"@p{p + 11}", row.Reverses);
            command.AddParameter($"@p{p + 12}", row.Memo);
            command.AddParameter($"@p{p + 13}", row.RecordedMs);
        }

        command.CommandText = sql.Append(" ON CONFLICT DO NOTHING").ToString();
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// PostgreSQL: the same multi-row INSERT, its rows sent as one array per column (unnest) rather than fourteen
    /// parameters per row, which is what keeps a 1,000-row chunk close to the cost of INSERT ... SELECT.
    /// </summary>
    private static async Task<int> AppendPostgresAsync(NpgsqlConnection connection, DbTransaction transaction, IReadOnlyList<LedgerRow> rows, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            {LedgerInsertPrefix[..LedgerInsertPrefix.LastIndexOf("VALUES", StringComparison.Ordinal)]}
            SELECT * FROM unnest(@keys, @kinds, @claims, @lines, @payerKinds, @payerIds, @debits, @credits, @amounts, @currencies, @runs, @reverses, @memos, @recorded)
            ON CONFLICT DO NOTHING
            """, connection, (NpgsqlTransaction)transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("keys", [.. rows.Select(r => r.IdempotencyKey)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("kinds", [.. rows.Select(r => r.Kind)]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("claims", [.. rows.Select(r => r.ClaimId is { } c ? Key(c) : null)]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("lines", [.. rows.Select(r => r.Line)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("payerKinds", [.. rows.Select(r => r.Payer.Kind.ToString())]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("payerIds", [.. rows.Select(r => Key(r.Payer.Id))]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("debits", [.. rows.Select(r => r.DebitAccount)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("credits", [.. rows.Select(r => r.CreditAccount)]));
        command.Parameters.Add(new NpgsqlParameter<long[]>("amounts", [.. rows.Select(r => r.AmountMinor)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("currencies", [.. rows.Select(r => r.Currency)]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("runs", [.. rows.Select(r => r.RunId is { } run ? Key(run) : null)]));
        command.Parameters.Add(new NpgsqlParameter<long?[]>("reverses", [.. rows.Select(r => r.Reverses)]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("memos", [.. rows.Select(r => r.Memo)]));
        command.Parameters.Add(new NpgsqlParameter<long[]>("recorded", [.. rows.Select(r => r.RecordedMs)]));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The accrual rows of an approved claim: the payer's cost, owed to the payee until paid out.</summary>
    internal static IReadOnlyList<LedgerRow> Accruals(ClaimRow claim, long nowMs)
    {
        var rows = new List<LedgerRow>(2);
        if (claim.FeeDueMinor > 0 && claim.FeePayee != FeePayee.None)
        {
            rows.Add(new LedgerRow(
                $"accrual:{claim.Id:D}:{LedgerAccounts.Fee}", "Accrual", claim.Id, LedgerAccounts.Fee, claim.Payer,
                LedgerAccounts.Costs(claim.Payer, LedgerAccounts.Fee),
                LedgerAccounts.Owed(claim.Payer, LedgerAccounts.Payee(claim.FeePayee, claim.PersonId)),
                claim.FeeDueMinor, claim.Currency, null, null, claim.Charity, nowMs));
        }

        if (claim.ExpensesMinor > 0)
        {
            rows.Add(new LedgerRow(
                $"accrual:{claim.Id:D}:{LedgerAccounts.Expenses}", "Accrual", claim.Id, LedgerAccounts.Expenses, claim.Payer,
                LedgerAccounts.Costs(claim.Payer, LedgerAccounts.Expenses),
                LedgerAccounts.Owed(claim.Payer, LedgerAccounts.Payee(FeePayee.Person, claim.PersonId)),
                claim.ExpensesMinor, claim.Currency, null, null, null, nowMs));
        }

        return rows;
    }

    /// <summary>Ledger rows of a payer (newest first) or of one run.</summary>
    public async Task<(IReadOnlyList<LedgerEntryView> Items, int Total)> LedgerAsync(PayerRef payer, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        int total;
        await using (var count = Command(connection, null, "SELECT COUNT(*) FROM cp_pay_ledger WHERE payer_kind = @kind AND payer_id = @payer"))
        {
            count.AddParameter("@kind", payer.Kind.ToString());
            count.AddParameter("@payer", Key(payer.Id));
            total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        await using var command = Command(connection, null, """
            SELECT entry_id, kind, claim_id, line, debit_account, credit_account, amount_minor, currency, run_id, reverses, memo, recorded_ms
            FROM cp_pay_ledger WHERE payer_kind = @kind AND payer_id = @payer
            ORDER BY entry_id DESC LIMIT @limit OFFSET @offset
            """);
        command.AddParameter("@kind", payer.Kind.ToString());
        command.AddParameter("@payer", Key(payer.Id));
        command.AddParameter("@limit", limit);
        command.AddParameter("@offset", offset);
        var rows = new List<LedgerEntryView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadEntry(reader));
        }

        return (rows, total);
    }

    /// <summary>Balances derived from the rows: debits minus credits per account of the payer.</summary>
    public async Task<IReadOnlyList<AccountBalance>> BalancesAsync(PayerRef payer, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT account, currency, SUM(debit), SUM(credit) FROM (
                SELECT debit_account AS account, currency, amount_minor AS debit, 0 AS credit FROM cp_pay_ledger WHERE payer_kind = @kind AND payer_id = @payer
                UNION ALL
                SELECT credit_account, currency, 0, amount_minor FROM cp_pay_ledger WHERE payer_kind = @kind AND payer_id = @payer
            ) m GROUP BY account, currency ORDER BY account, currency
            """);
        command.AddParameter("@kind", payer.Kind.ToString());
        command.AddParameter("@payer", Key(payer.Id));
        var balances = new List<AccountBalance>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var debits = Money.FromMinor(Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture));
            var credits = Money.FromMinor(Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture));
            balances.Add(new AccountBalance(reader.GetString(0), reader.GetString(1), debits, credits, debits - credits));
        }

        return balances;
    }

    /// <summary>
    /// Corrects an entry of the payer by appending its reversal (the same amount, accounts swapped). An entry is
    /// reversed at most once, and a reversal is never reversed; false when the entry is not the payer's.
    /// </summary>
    public async Task<LedgerEntryView?> ReverseAsync(PayerRef payer, long entryId, string reason, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginLockedAsync(connection, $"payments-ledger:{payer.Key}", cancellationToken);
        var original = await ReadEntryAsync(connection, transaction, "entry_id = @id AND payer_kind = @kind AND payer_id = @payer", entryId, payer, cancellationToken);
        if (original is null)
        {
            return null;
        }

        if (original.Kind == "Reversal")
        {
            throw Common.DomainException.Conflict("A reversal is not reversed; record a new entry instead.");
        }

        var written = await AppendAsync(connection, transaction,
        [
            new LedgerRow($"reversal:{entryId}", "Reversal", original.ClaimId, original.Line, payer, original.CreditAccount, original.DebitAccount,
                Money.ToMinor(original.Amount), original.Currency, null, entryId, reason, nowMs),
        ], cancellationToken);
        if (written == 0)
        {
            throw Common.DomainException.Conflict($"Entry {entryId} has already been reversed.");
        }

        // The reversal itself, read back in the same transaction: the payer's newest row may be another writer's by now.
        var reversal = await ReadEntryAsync(connection, transaction, "reverses = @id AND payer_kind = @kind AND payer_id = @payer", entryId, payer, cancellationToken)
            ?? throw new InvalidOperationException($"The reversal of entry {entryId} was written but cannot be read back.");
        await transaction.CommitAsync(cancellationToken);
        return reversal;
    }

    private static async Task<LedgerEntryView?> ReadEntryAsync(
        DbConnection connection, DbTransaction transaction, string where, long entryId, PayerRef payer, CancellationToken cancellationToken)
    {
        await using var read = Command(connection, transaction, $"""
            SELECT entry_id, kind, claim_id, line, debit_account, credit_account, amount_minor, currency, run_id, reverses, memo, recorded_ms
            FROM cp_pay_ledger WHERE {where}
            """);
        read.AddParameter("@id", entryId);
        read.AddParameter("@kind", payer.Kind.ToString());
        read.AddParameter("@payer", Key(payer.Id));
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadEntry(reader) : null;
    }

    private static LedgerEntryView ReadEntry(DbDataReader r) => new(
        Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture),
        r.GetString(1),
        r.IsDBNull(2) ? null : Guid.Parse(r.GetString(2)),
        r.IsDBNull(3) ? null : r.GetString(3),
        r.GetString(4),
        r.GetString(5),
        Money.FromMinor(Convert.ToInt64(r.GetValue(6), CultureInfo.InvariantCulture)),
        r.GetString(7),
        r.IsDBNull(8) ? null : Guid.Parse(r.GetString(8)),
        r.IsDBNull(9) ? null : Convert.ToInt64(r.GetValue(9), CultureInfo.InvariantCulture),
        r.IsDBNull(10) ? null : r.GetString(10),
        DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(r.GetValue(11), CultureInfo.InvariantCulture)));
}
