namespace CoProduce.Grains.Payments.Storage;

/// <summary>
/// One movement for cp_pay_ledger: <see cref="AmountMinor"/> leaves <see cref="CreditAccount"/> and reaches
/// <see cref="DebitAccount"/>, so every row keeps the books balanced. The idempotency key makes a retried
/// write of the same movement a no-op.
/// </summary>
public sealed record LedgerRow(
    string IdempotencyKey,
    string Kind,
    Guid? ClaimId,
    string? Line,
    PayerRef Payer,
    string DebitAccount,
    string CreditAccount,
    long AmountMinor,
    string Currency,
    Guid? RunId,
    long? Reverses,
    string? Memo,
    long RecordedMs);

/// <summary>The ledger's account names: derived from ids, so balances are sums over rows and nothing else.</summary>
public static class LedgerAccounts
{
    public const string Fee = "Fee";
    public const string Expenses = "Expenses";

    public static string Costs(PayerRef payer, string line) => $"costs:{payer.Key}:{line.ToLowerInvariant()}";

    public static string Bank(PayerRef payer) => $"bank:{payer.Key}";

    public static string Owed(PayerRef payer, string payee) => $"owed:{payer.Key}:{payee}";

    public static string Payee(FeePayee payee, Guid personId) => payee switch
    {
        FeePayee.Charity => $"charity-for:{personId:D}",
        FeePayee.Vouchers => $"vouchers:{personId:D}",
        _ => $"person:{personId:D}",
    };
}
