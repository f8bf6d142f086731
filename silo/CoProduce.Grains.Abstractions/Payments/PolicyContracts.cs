using CoProduce.Grains.Common;

namespace CoProduce.Grains.Payments;

/// <summary>Who pays: an organisation or a regional network.</summary>
[GenerateSerializer, Alias("coproduce.payments.PayerKind")]
public enum PayerKind
{
    Organisation,
    Network,
}

/// <summary>One payer; its grain key is "Organisation:{id}" or "Network:{id}".</summary>
[GenerateSerializer, Alias("coproduce.payments.PayerRef"), Immutable]
public sealed record PayerRef(PayerKind Kind, Guid Id)
{
    public string Key => $"{Kind}:{Id:D}";

    public override string ToString() => Key;
}

/// <summary>What a rate is paid per.</summary>
[GenerateSerializer, Alias("coproduce.payments.RateUnit")]
public enum RateUnit
{
    Hour,
    Session,
    Day,
}

/// <summary>One line of a rate card: a role doing an activity, paid per unit, from a date on.</summary>
[GenerateSerializer, Alias("coproduce.payments.Rate"), Immutable]
public sealed record Rate(string Role, string Activity, RateUnit Unit, decimal Amount, DateOnly EffectiveFrom);

/// <summary>Kinds of expense the policy can reimburse.</summary>
[GenerateSerializer, Alias("coproduce.payments.ExpenseCategory")]
public enum ExpenseCategory
{
    Travel,
    SupportWorker,
    Childcare,
    Meals,
}

/// <summary>How one kind of expense is reimbursed: up to a cap per claim, with or without a receipt.</summary>
[GenerateSerializer, Alias("coproduce.payments.ExpenseRule"), Immutable]
public sealed record ExpenseRule(ExpenseCategory Category, decimal CapPerClaim, bool ReceiptRequired);

/// <summary>
/// A payer's rate card and expenses policy: rates are data, kept here, never constants in code.
/// <see cref="PromisedPaymentDays"/> is the payer's promise: a claim is paid within that many days of being made.
/// <see cref="AttendanceMinutes"/> is the step in which time present in a live session is paid by the hour: part of
/// a step counts as a whole one (3, 6, 12, 15, 30 or 60 minutes, so that hours stay exact to two decimal places).
/// </summary>
[GenerateSerializer, Alias("coproduce.payments.PaymentPolicy")]
public sealed record PaymentPolicy(
    string Currency,
    IReadOnlyList<Rate> Rates,
    IReadOnlyList<ExpenseRule> Expenses,
    int PromisedPaymentDays,
    int AttendanceMinutes = PaymentPolicy.DefaultAttendanceMinutes)
{
    /// <summary>A quarter of an hour, when the payer has not said.</summary>
    public const int DefaultAttendanceMinutes = 15;

    /// <summary>The steps whose length in hours is exact to two decimal places.</summary>
    public static readonly IReadOnlyList<int> AttendanceSteps = [3, 6, 12, 15, 30, 60];
}

/// <summary>A payer's policy with who last changed it.</summary>
[GenerateSerializer, Alias("coproduce.payments.PaymentPolicyView")]
public sealed record PaymentPolicyView(PayerRef Payer, PaymentPolicy Policy, Guid? UpdatedBy, DateTimeOffset? UpdatedAt);

/// <summary>What a person may do for a payer.</summary>
[GenerateSerializer, Alias("coproduce.payments.PayerAccess"), Immutable]
public sealed record PayerAccess(bool Exists, bool IsStaff, bool CanManage, bool CanApprove);

/// <summary>
/// One payer (organisation or network): its rate card and expenses policy, its finance approvers, and the
/// claims, payout runs and ledger balances that belong to it.
/// </summary>
[Alias("coproduce.payments.IPayerGrain")]
public interface IPayerGrain : IGrainWithStringKey
{
    /// <summary>The policy, for the payer's staff (network: coordinators); 404 when none was set or for outsiders.</summary>
    Task<Versioned<PaymentPolicyView>> GetPolicy(Actor actor);

    /// <summary>Sets the policy (organisation admins or finance; network coordinators); under If-Match once one exists.</summary>
    Task<Versioned<PaymentPolicyView>> SetPolicy(Actor actor, PaymentPolicy policy, long? expectedVersion);

    /// <summary>The policy as claims are checked against it; null when none was set.</summary>
    [ReadOnly]
    Task<PaymentPolicy?> Policy();

    /// <summary>How the person stands with this payer.</summary>
    [ReadOnly]
    Task<PayerAccess> AccessOf(Guid personId);

    /// <summary>The payer's claims, optionally in one status, newest first (finance staff; network coordinators).</summary>
    Task<Slice<ClaimView>> Claims(Actor actor, ClaimStatus? status, int offset, int limit);

    /// <summary>Starts a payout run for this payer now (finance); it runs in the background and its progress is readable.</summary>
    Task<PayoutRunView> StartRun(Actor actor);

    /// <summary>The payer's payout runs, newest first, with any awaiting their export (finance and admins).</summary>
    Task<Slice<PayoutRunView>> Runs(Actor actor, int offset, int limit);

    /// <summary>One payout run of this payer (finance and admins).</summary>
    Task<PayoutRunView> Run(Actor actor, Guid runId);

    /// <summary>
    /// Tries a run that has not handed its instruction over (ExportPending, or cut short) again now (finance and
    /// admins); 409 for a run that has. Its automatic retries go on regardless.
    /// </summary>
    Task<PayoutRunView> RetryRun(Actor actor, Guid runId);

    /// <summary>Account balances derived from the ledger (finance).</summary>
    Task<IReadOnlyList<AccountBalance>> Balances(Actor actor);

    /// <summary>The payer's ledger rows, newest first (finance).</summary>
    Task<Slice<LedgerEntryView>> Ledger(Actor actor, int offset, int limit);

    /// <summary>Corrects a ledger row by appending its reversal, with a reason (finance); never an edit.</summary>
    Task<LedgerEntryView> Reverse(Actor actor, long entryId, string reason);
}

/// <summary>One page of a longer list, and how long the list is.</summary>
[GenerateSerializer, Alias("coproduce.payments.Slice`1")]
public sealed record Slice<T>(IReadOnlyList<T> Items, int Total);
