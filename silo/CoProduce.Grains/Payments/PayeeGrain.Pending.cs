using CoProduce.Grains.Common;

namespace CoProduce.Grains.Payments;

/// <summary>
/// Supporters' changes wait for the person (the rules in <see cref="PendingChanges{T}"/>): a supporter acting with
/// someone proposes a payment choice or weekly limit, and only the person's own confirmation applies it, so a limit
/// that protects their benefits never changes or vanishes without them. The pending change, and the record once
/// confirmed, name the supporter.
/// </summary>
public sealed partial class PayeeGrain
{
    private static readonly PendingChanges<PendingPaymentChange> Changes = new("payments");

    public async Task<PayeePreferences> ConfirmChange(Actor actor, Guid changeId)
    {
        EnsureSelf(actor);
        var (change, rest, _) = Changes.Confirm(S.Pending, actor, changeId);
        state.State = S with { Pending = rest };
        return change.Kind == PaymentChangeKind.Choice
            ? await ApplyChoice(change.Choice! with { ChosenAt = time.GetUtcNow(), SupportedBy = change.ProposedBy })
            : await ApplyLimit(change.Limit, change.ProposedBy);
    }

    public async Task<PayeePreferences> RejectChange(Actor actor, Guid changeId)
    {
        EnsureSelf(actor);
        var rejected = Changes.Reject(S.Pending, actor, changeId);
        RaiseEvent(new PaymentChangeRejected(PersonId, changeId, rejected.Change.ProposedBy, rejected.By));
        state.State = S with { Pending = rejected.Rest, Version = S.Version + 1 };
        await state.WriteStateAsync();
        return View();
    }

    private async Task<PayeePreferences> Propose(PaymentChangeKind kind, PaymentChoice? choice, WeeklyLimit? limit, Guid supporter)
    {
        var change = new PendingPaymentChange(Guid.NewGuid(), kind, choice, limit, supporter, time.GetUtcNow());
        state.State = S with { Pending = Changes.Propose(S.Pending, change), Version = S.Version + 1 };
        RaiseEvent(new PaymentChangeProposed(PersonId, change.Id, kind, supporter));
        await state.WriteStateAsync();
        return View();
    }
}
