namespace CoProduce.Grains.Payments;

/// <summary>
/// Where a payout run is. Its claims read Paid only once it is <see cref="Completed"/>: the payment instruction (the
/// bank file, renamed into place, or the provider's acknowledgement) has been handed over.
/// </summary>
[GenerateSerializer, Alias("coproduce.payments.PayoutRunStatus")]
public enum PayoutRunStatus
{
    /// <summary>Writing its ledger rows (or waiting to retry that).</summary>
    Running,

    /// <summary>The instruction was handed over; its claims are paid.</summary>
    Completed,

    /// <summary>Gave up before it held any claim: nothing was written, its claims stay due for the next run.</summary>
    Failed,

    /// <summary>
    /// Its ledger rows are in but the instruction is not handed over yet (the last error says why): its claims are
    /// held by it and read Approved, and it is retried until the handover succeeds, after a restart too.
    /// </summary>
    ExportPending,
}

/// <summary>One payout run: which payer (all when null), its progress and outcome.</summary>
[GenerateSerializer, Alias("coproduce.payments.PayoutRunView"), Immutable]
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
[GenerateSerializer, Alias("coproduce.payments.PaymentTimeliness")]
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
[GenerateSerializer, Alias("coproduce.payments.PaymentTimelinessMonth"), Immutable]
public sealed record PaymentTimelinessMonth(string Period, int Claims, int PaidOnTime, int PaidLate, int UnpaidOverdue, double DaysToPayment);

/// <summary>A derived balance of one ledger account.</summary>
[GenerateSerializer, Alias("coproduce.payments.AccountBalance"), Immutable]
public sealed record AccountBalance(string Account, string Currency, decimal Debits, decimal Credits, decimal Balance);

/// <summary>One ledger row: a movement from one account to another, never edited.</summary>
[GenerateSerializer, Alias("coproduce.payments.LedgerEntryView"), Immutable]
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
[Alias("coproduce.payments.IProjectPaymentsGrain")]
public interface IProjectPaymentsGrain : IGrainWithGuidKey
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

    /// <summary>
    /// Checks, before a session is closed with claims, everything that can be checked then (the caller, the role and
    /// activity on the rate card, the payer), so that a close that would make wrong claims is refused before it closes.
    /// </summary>
    [ReadOnly]
    Task CheckAttendanceClaims(CoProduce.Grains.Common.Actor actor, AttendanceClaimsSpec spec);

    /// <summary>Payment timeliness without a caller check, for reports composed inside the silo.</summary>
    [ReadOnly]
    Task<PaymentTimeliness> TimelinessFigures();
}
