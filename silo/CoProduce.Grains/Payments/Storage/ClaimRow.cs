namespace CoProduce.Grains.Payments.Storage;

/// <summary>One row of cp_pay_claims, with the payout found in the ledger (if any).</summary>
public sealed record ClaimRow
{
    public required Guid Id { get; init; }

    public required Guid ProjectId { get; init; }

    public required Guid PersonId { get; init; }

    public required PayerRef Payer { get; init; }

    public required string Currency { get; init; }

    public required DateOnly ActivityDate { get; init; }

    public required DateOnly PayWeek { get; init; }

    public string? Role { get; init; }

    public string? Activity { get; init; }

    public RateUnit? Unit { get; init; }

    public decimal? Quantity { get; init; }

    public long? RateMinor { get; init; }

    public long FeeMinor { get; init; }

    public long FeeDueMinor { get; init; }

    public FeePayee FeePayee { get; init; }

    public string? Charity { get; init; }

    public PaymentChoiceKind? Choice { get; init; }

    public IReadOnlyList<ExpenseLine> Expenses { get; init; } = [];

    public long ExpensesMinor { get; init; }

    public bool InAdvance { get; init; }

    public string? Note { get; init; }

    public ClaimStatus Status { get; init; }

    public required Guid EnteredBy { get; init; }

    public Guid? SupportedBy { get; init; }

    public long SubmittedMs { get; init; }

    public long DueByMs { get; init; }

    public Guid? DecidedBy { get; init; }

    public long? DecidedMs { get; init; }

    public string? RejectionReason { get; init; }

    public LimitWarning? Warning { get; init; }

    public bool LimitConfirmed { get; init; }

    public long Version { get; init; }

    public long? PaidMs { get; init; }

    public Guid? PaidRun { get; init; }

    /// <summary>The fee that counts toward a weekly earnings limit: what reaches the person, in money or vouchers.</summary>
    public long CountedFeeMinor => FeePayee is FeePayee.Person or FeePayee.Vouchers ? FeeDueMinor : 0;
}
