using CoProduce.Grains.Common;

namespace CoProduce.Grains.Payments;

/// <summary>
/// Supporters' changes wait for the person: a supporter acting with someone proposes a payment choice or weekly
/// limit, and only the person's own confirmation applies it, so a limit that protects their benefits never changes
/// or vanishes without them. The pending change, and the record once confirmed, name the supporter.
/// </summary>
public sealed partial class PayeeGrain
{
    private const int MaxPending = 20;

    public async Task<PayeePreferences> ConfirmChange(Actor actor, Guid changeId)
    {
        EnsureSelf(actor);
        if (actor.IsActingWith())
        {
            throw DomainException.Forbidden("Only the person confirms a supporter's change to their payments; a supporter cannot confirm it for them.");
        }

        var change = PendingChange(changeId);
        state.State = S with { Pending = [.. S.Pending.Where(p => p.Id != changeId)] };
        return change.Kind == PaymentChangeKind.Choice
            ? await ApplyChoice(change.Choice! with { ChosenAt = time.GetUtcNow(), SupportedBy = change.ProposedBy })
            : await ApplyLimit(change.Limit, change.ProposedBy);
    }

    public async Task<PayeePreferences> RejectChange(Actor actor, Guid changeId)
    {
        EnsureSelf(actor);
        var change = PendingChange(changeId);

        // The person rejects any change; a supporter may withdraw only one they proposed themselves.
        if (actor.SupportedBy is { } supporter && supporter != change.ProposedBy)
        {
            throw DomainException.Forbidden("Only the person, or the supporter who proposed it, can withdraw a pending change.");
        }

        RaiseEvent(new PaymentChangeRejected(PersonId, changeId, change.ProposedBy, actor.SupportedBy ?? actor.PersonId));
        state.State = S with { Pending = [.. S.Pending.Where(p => p.Id != changeId)], Version = S.Version + 1 };
        await state.WriteStateAsync();
        return View();
    }

    private async Task<PayeePreferences> Propose(PaymentChangeKind kind, PaymentChoice? choice, WeeklyLimit? limit, Guid supporter)
    {
        if (S.Pending.Count >= MaxPending)
        {
            throw DomainException.Conflict($"At most {MaxPending} changes wait for the person; they confirm or reject some first.");
        }

        var change = new PendingPaymentChange(Guid.NewGuid(), kind, choice, limit, supporter, time.GetUtcNow());
        RaiseEvent(new PaymentChangeProposed(PersonId, change.Id, kind, supporter));
        state.State = S with { Pending = [.. S.Pending, change], Version = S.Version + 1 };
        await state.WriteStateAsync();
        return View();
    }

    private PendingPaymentChange PendingChange(Guid changeId) =>
        S.Pending.FirstOrDefault(p => p.Id == changeId) ?? throw DomainException.NotFound("The pending change");
}
