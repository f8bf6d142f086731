namespace CoProduce.Grains.Payments;

public enum PayoutRunStatus
{
    Running,
    Completed,
    Failed,
}

/// <summary>One payout run: which payer (all when null), its progress and outcome.</summary>
public sealed record PayoutRunView(
    Guid Id,
    PayerRef? Payer,
    string Trigger,
    PayoutRunStatus Status,
    int Attempts,
    int ClaimsPaid,
    int EntriesWritten,
    decimal AmountPaid,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string? Export,
    string? LastError);

/// <summary>
/// How promptly one project's contributors were paid: the payment-timeliness figures of the power-balance report.
/// A claim is due once it waits only on the payer (submitted or approved, with something to pay) and its promised
/// time has passed, or once it is paid; byMonth splits the same counts by the month each claim was made.
/// </summary>
public sealed record PaymentTimeliness(
    Guid ProjectId,
    int Claims,
    int Paid,
    int PaidOnTime,
    int PaidLate,
    int UnpaidOverdue,
    double? AverageDaysToPayment,
    double? LongestDaysToPayment,
    IReadOnlyList<PaymentTimelinessMonth> ByMonth);

/// <summary>
/// Payment timeliness of the claims made in one calendar month (UTC, "2026-11"). daysToPayment is the days from
/// claim to payment summed over the paid claims, so months and projects add up exactly.
/// </summary>
public sealed record PaymentTimelinessMonth(string Period, int Claims, int PaidOnTime, int PaidLate, int UnpaidOverdue, double DaysToPayment);

/// <summary>A derived balance of one ledger account.</summary>
public sealed record AccountBalance(string Account, string Currency, decimal Debits, decimal Credits, decimal Balance);

/// <summary>One ledger row: a movement from one account to another, never edited.</summary>
public sealed record LedgerEntryView(
    long Id,
    string Kind,
    Guid? ClaimId,
    string? Line,
    string DebitAccount,
    string CreditAccount,
    decimal Amount,
    string Currency,
    Guid? RunId,
    long? Reverses,
    string? Memo,
    DateTimeOffset RecordedAt);

/// <summary>A project's claims and payment timeliness: the hook the power-balance report reads.</summary>
public interface IProjectPaymentsGrain : CoProduce.Runtime.Grains.IGrainWithGuidKey
{
    /// <summary>The project's claims, newest first (its facilitators).</summary>
    Task<Slice<ClaimView>> Claims(CoProduce.Grains.Common.Actor actor, int offset, int limit);

    /// <summary>Payment timeliness for anyone who can see the project.</summary>
    Task<PaymentTimeliness> Timeliness(CoProduce.Grains.Common.Actor actor);

    /// <summary>
    /// Turns a closed live session's attendance into draft claims (the project's facilitators): one per contributor
    /// present, at the rate card's rate for the role and activity, for their time present. Never twice for one session
    /// and person: a person with a claim from the session already is 409 when named, skipped otherwise.
    /// </summary>
    Task<AttendanceClaims> ClaimAttendance(CoProduce.Grains.Common.Actor actor, Guid sessionId, AttendanceClaimsSpec spec);

    /// <summary>Payment timeliness without a caller check, for reports composed inside the silo.</summary>
    [CoProduce.Runtime.Grains.ReadOnly]
    Task<PaymentTimeliness> TimelinessFigures();
}
