using CoProduce.Grains.Common;

namespace CoProduce.Grains.Payments;

/// <summary>Receipt details for one expense.</summary>
[GenerateSerializer, Alias("coproduce.payments.Receipt"), Immutable]
public sealed record Receipt(string Reference, string? IssuedBy = null, DateOnly? Date = null);

/// <summary>One expense: what kind, how much, what for, and its receipt.</summary>
[GenerateSerializer, Alias("coproduce.payments.ExpenseLine"), Immutable]
public sealed record ExpenseLine(ExpenseCategory Category, decimal Amount, string Description, Receipt? Receipt = null);

/// <summary>
/// A claim for time and/or expenses on one activity of a project. <see cref="PersonId"/> is whom it is for
/// (the caller when omitted); the time is priced from the payer's rate card for <see cref="Role"/> and
/// <see cref="Activity"/> on <see cref="ActivityDate"/>.
/// </summary>
[GenerateSerializer, Alias("coproduce.payments.ClaimSpec")]
public sealed record ClaimSpec(
    Guid? PersonId,
    PayerKind Payer,
    DateOnly ActivityDate,
    string Currency,
    string? Role,
    string? Activity,
    decimal? Quantity,
    IReadOnlyList<ExpenseLine> Expenses,
    bool InAdvance,
    string? Note);

/// <summary>Where a claim stands. Paid is shown once the payout is in the ledger.</summary>
[GenerateSerializer, Alias("coproduce.payments.ClaimStatus")]
public enum ClaimStatus
{
    /// <summary>Waiting for the contributor to say what they want done with fees from this payer.</summary>
    AwaitingChoice,

    /// <summary>Waiting for the finance approver.</summary>
    Submitted,

    /// <summary>Approved, but paying it would cross the contributor's weekly limit: they choose what happens.</summary>
    HeldAtLimit,

    /// <summary>Approved and due to be paid in the next payout run on or after its pay week.</summary>
    Approved,

    Rejected,

    Paid,

    /// <summary>Made from a live session's attendance: waits for the contributor to check, edit and confirm it.</summary>
    Draft,

    /// <summary>
    /// A draft its contributor declined (nobody has to be paid who does not wish to be), or a facilitator withdrew
    /// with a reason. It is never paid and never counted for timeliness, and the same session cannot draft it again.
    /// </summary>
    Declined,
}

/// <summary>Who receives the fee of a claim.</summary>
[GenerateSerializer, Alias("coproduce.payments.FeePayee")]
public enum FeePayee
{
    None,
    Person,
    Charity,
    Vouchers,
}

/// <summary>What the contributor and the finance approver are told before a payment would cross the weekly limit.</summary>
[GenerateSerializer, Alias("coproduce.payments.LimitWarning")]
public sealed record LimitWarning(
    DateOnly Week,
    decimal Limit,
    decimal AlreadyCounted,
    decimal ThisFee,
    decimal Room,
    IReadOnlyList<LimitAction> Options);

/// <summary>What the contributor may do with a claim held at their weekly limit.</summary>
[GenerateSerializer, Alias("coproduce.payments.LimitAction")]
public enum LimitAction
{
    /// <summary>Pay it in a later week (<c>payWeek</c>).</summary>
    Defer,

    /// <summary>Pay only what fits under the limit this week.</summary>
    Reduce,

    /// <summary>Take no fee (expenses are still paid).</summary>
    Decline,

    /// <summary>Give the fee to a named charity.</summary>
    Donate,

    /// <summary>Pay it in full anyway: the contributor's explicit confirmation.</summary>
    Confirm,
}

[GenerateSerializer, Alias("coproduce.payments.ClaimView")]
public sealed record ClaimView(
    Guid Id,
    Guid ProjectId,
    Guid PersonId,
    PayerRef Payer,
    string Currency,
    DateOnly ActivityDate,
    DateOnly PayWeek,
    string? Role,
    string? Activity,
    RateUnit? Unit,
    decimal? Quantity,
    decimal? Rate,
    decimal Fee,
    decimal FeeToPay,
    FeePayee FeePayee,
    string? Charity,
    PaymentChoiceKind? Choice,
    IReadOnlyList<ExpenseLine> Expenses,
    decimal ExpensesTotal,
    bool InAdvance,
    string? Note,
    ClaimStatus Status,
    Guid EnteredBy,
    Guid? SupportedBy,
    DateTimeOffset SubmittedAt,
    DateTimeOffset DueBy,
    bool Late,
    Guid? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? RejectionReason,
    LimitWarning? LimitWarning,
    bool LimitConfirmed,
    DateTimeOffset? PaidAt,
    Guid? PaidInRun);

/// <summary>One claim, keyed by its id; its rows live in the payments tables, so it keeps no grain state.</summary>
[Alias("coproduce.payments.IClaimGrain")]
public interface IClaimGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Makes the claim: by the contributor, a supporter acting with them, or a facilitator of the project, for a
    /// contributor of that project.
    /// </summary>
    Task<ClaimView> Submit(Actor actor, Guid projectId, ClaimSpec spec);

    /// <summary>The claim, for its contributor (and supporters), the project's facilitators and the payer's finance staff.</summary>
    Task<ClaimView> Get(Actor actor);

    /// <summary>
    /// Approves (finance of the payer). When paying would cross the contributor's weekly limit, the claim is held
    /// with a warning instead, and only the contributor decides.
    /// </summary>
    Task<ClaimView> Approve(Actor actor);

    /// <summary>Rejects with a reason (finance of the payer).</summary>
    Task<ClaimView> Reject(Actor actor, string reason);

    /// <summary>The contributor's decision on a claim held at their weekly limit.</summary>
    Task<ClaimView> DecideAtLimit(Actor actor, LimitAction action, DateOnly? payWeek, string? charity);

    /// <summary>
    /// Makes a draft claim (a facilitator, from a live session's attendance) that waits for its contributor; a claim
    /// with this id existing already is 409.
    /// </summary>
    Task<ClaimView> Draft(Actor actor, Guid projectId, ClaimSpec spec);

    /// <summary>
    /// The contributor (or a supporter acting with them) confirms a draft, with any changes: from then it is a claim
    /// like any other, under their payment choice, the payer's promise and their weekly limit.
    /// </summary>
    Task<ClaimView> Confirm(Actor actor, DraftChanges changes);

    /// <summary>
    /// Declines a draft: the contributor (or a supporter acting with them), with a reason only if they wish to give
    /// one, or a facilitator of the project, who must say why. A claim that is not a draft is 409.
    /// </summary>
    Task<ClaimView> Decline(Actor actor, string? reason);
}

/// <summary>What the contributor changes in a draft claim on confirming it; what is left out stays as drafted.</summary>
[GenerateSerializer, Alias("coproduce.payments.DraftChanges")]
public sealed record DraftChanges(decimal? Quantity, IReadOnlyList<ExpenseLine>? Expenses, string? Note);

/// <summary>How a live session's attendance is paid: the rate card's role and activity, for whom (every contributor present when left out).</summary>
[GenerateSerializer, Alias("coproduce.payments.AttendanceClaimsSpec")]
public sealed record AttendanceClaimsSpec(string Role, string Activity, PayerKind Payer, IReadOnlyList<Guid>? People);

/// <summary>The draft claims made from one session's attendance.</summary>
[GenerateSerializer, Alias("coproduce.payments.AttendanceClaims")]
public sealed record AttendanceClaims(Guid SessionId, IReadOnlyList<ClaimView> Created);
