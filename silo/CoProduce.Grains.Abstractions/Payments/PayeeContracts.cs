using CoProduce.Grains.Common;

namespace CoProduce.Grains.Payments;

/// <summary>What a contributor wants done with their fees from one payer.</summary>
[GenerateSerializer, Alias("coproduce.payments.PaymentChoiceKind")]
public enum PaymentChoiceKind
{
    /// <summary>Paid in full.</summary>
    Accept,

    /// <summary>Paid a share (<see cref="PaymentChoice.Percent"/>, 1-99) of each fee.</summary>
    AcceptLess,

    /// <summary>No fee is paid; expenses still are.</summary>
    Decline,

    /// <summary>The fee goes to the named charity.</summary>
    Donate,

    /// <summary>The fee is paid as vouchers.</summary>
    Vouchers,
}

/// <summary>
/// A choice for one payer, and when it was made (it applies to claims made from then on). <see cref="SupportedBy"/>
/// names the supporter who proposed it, when the person confirmed a supporter's change.
/// </summary>
[GenerateSerializer, Alias("coproduce.payments.PaymentChoice"), Immutable]
public sealed record PaymentChoice(PayerRef Payer, PaymentChoiceKind Choice, int? Percent, string? Charity, DateTimeOffset ChosenAt, Guid? SupportedBy = null);

/// <summary>
/// A benefits-aware weekly limit on fees (expenses never count), summed across every payer, with a note of any
/// permission the person holds (e.g. Permitted Work). <see cref="SupportedBy"/> names the supporter who proposed it,
/// when the person confirmed a supporter's change.
/// </summary>
[GenerateSerializer, Alias("coproduce.payments.WeeklyLimit"), Immutable]
public sealed record WeeklyLimit(decimal Amount, string Currency, string? PermissionNote, Guid? SupportedBy = null);

/// <summary>What a supporter's proposed change is to.</summary>
[GenerateSerializer, Alias("coproduce.payments.PaymentChangeKind")]
public enum PaymentChangeKind
{
    /// <summary>The payment choice for one payer (<see cref="PendingPaymentChange.Choice"/>).</summary>
    Choice,

    /// <summary>The weekly limit (<see cref="PendingPaymentChange.Limit"/>; null removes it).</summary>
    Limit,
}

/// <summary>
/// A change a supporter proposed while acting with the person. It changes nothing until the person confirms it
/// (a limit that protects their benefits never vanishes without them), and names the supporter.
/// </summary>
[GenerateSerializer, Alias("coproduce.payments.PendingPaymentChange"), Immutable]
public sealed record PendingPaymentChange(
    Guid Id, PaymentChangeKind Kind, PaymentChoice? Choice, WeeklyLimit? Limit, Guid ProposedBy, DateTimeOffset ProposedAt) : IPendingChange;

/// <summary>The person's payment choices, weekly limit, and supporters' changes waiting for them.</summary>
[GenerateSerializer, Alias("coproduce.payments.PayeePreferences")]
public sealed record PayeePreferences(Guid PersonId, IReadOnlyList<PaymentChoice> Choices, WeeklyLimit? Limit, IReadOnlyList<PendingPaymentChange> Pending);

/// <summary>One contributor's payment preferences: a choice per payer, and a weekly earnings limit.</summary>
[Alias("coproduce.payments.IPayeeGrain")]
public interface IPayeeGrain : IGrainWithGuidKey
{
    /// <summary>The preferences (the person or a linked supporter).</summary>
    Task<PayeePreferences> Get(Actor actor);

    /// <summary>
    /// Records the person's choice for one payer. Claims waiting for a choice from that payer go forward with it;
    /// later claims use it; claims made earlier keep the choice they had. A supporter acting with the person only
    /// proposes it: it waits in <see cref="PayeePreferences.Pending"/> until the person confirms it.
    /// </summary>
    Task<PayeePreferences> Choose(Actor actor, PayerRef payer, PaymentChoiceKind choice, int? percent, string? charity);

    /// <summary>
    /// Records, changes or (null) removes the weekly limit. A supporter acting with the person only proposes it:
    /// it waits in <see cref="PayeePreferences.Pending"/> until the person confirms it.
    /// </summary>
    Task<PayeePreferences> SetLimit(Actor actor, WeeklyLimit? limit);

    /// <summary>The person (never a supporter) confirms a supporter's pending change; it then applies, naming the supporter.</summary>
    Task<PayeePreferences> ConfirmChange(Actor actor, Guid changeId);

    /// <summary>The person (or the supporter who proposed it, withdrawing it) rejects a pending change; nothing changes.</summary>
    Task<PayeePreferences> RejectChange(Actor actor, Guid changeId);

    /// <summary>The choice for a payer, or null while the person has not chosen.</summary>
    [ReadOnly]
    Task<PaymentChoice?> ChoiceFor(PayerRef payer);

    [ReadOnly]
    Task<WeeklyLimit?> Limit();

    /// <summary>Every claim made for the person, with its status, newest first (the person or a linked supporter).</summary>
    Task<Slice<ClaimView>> Claims(Actor actor, int offset, int limit);

    /// <summary>The person's statement: every claim, oldest first, with what was paid, to whom and when.</summary>
    Task<IReadOnlyList<ClaimView>> Statement(Actor actor);
}
