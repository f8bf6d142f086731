using CoProduce.Grains.Common;

namespace CoProduce.Grains.People;

/// <summary>
/// A supporter's consent changes wait for the person: acting with someone, a supporter proposes giving or
/// withdrawing a consent, and only the person's own confirmation applies it. The pending change, and the consent
/// record once confirmed, name the supporter.
/// </summary>
public sealed partial class PersonGrain
{
    private const int MaxPending = 20;

    public async Task<OwnProfileView> ConfirmConsentChange(Actor actor, Guid changeId)
    {
        EnsureSelfOrSupporter(actor);
        if (actor.IsActingWith())
        {
            throw DomainException.Forbidden("Only the person confirms a supporter's change to their consents; a supporter cannot confirm it for them.");
        }

        var change = PendingConsent(changeId);
        if (change.Grant && !Consented(change.Scope) && S.Consents.Count >= MaxConsents)
        {
            throw DomainException.Conflict($"A person may hold at most {MaxConsents} consents; withdraw some first.");
        }

        state.State = S with { PendingConsents = [.. S.PendingConsents.Where(p => p.Id != changeId)], Version = S.Version + 1 };
        if (change.Grant == Consented(change.Scope))
        {
            // Already as proposed (the person did it themselves meanwhile): only the pending change goes.
            await state.WriteStateAsync();
        }
        else
        {
            await ApplyConsent(change.Scope, change.Grant, change.ProposedBy);
        }

        return Own().Value;
    }

    public async Task<OwnProfileView> RejectConsentChange(Actor actor, Guid changeId)
    {
        EnsureSelfOrSupporter(actor);
        var change = PendingConsent(changeId);

        // The person rejects any change; a supporter may withdraw only one they proposed themselves.
        if (actor.SupportedBy is { } supporter && supporter != change.ProposedBy)
        {
            throw DomainException.Forbidden("Only the person, or the supporter who proposed it, can withdraw a pending change.");
        }

        RaiseEvent(new ConsentChangeRejected(Id, changeId, change.ProposedBy, actor.SupportedBy ?? actor.PersonId));
        state.State = S with { PendingConsents = [.. S.PendingConsents.Where(p => p.Id != changeId)], Version = S.Version + 1 };
        await state.WriteStateAsync();
        return Own().Value;
    }

    private async Task<OwnProfileView> ProposeConsentChange(ConsentScope scope, bool grant, Guid supporter)
    {
        if (S.PendingConsents.Count >= MaxPending)
        {
            throw DomainException.Conflict($"At most {MaxPending} changes wait for the person; they confirm or reject some first.");
        }

        var change = new PendingConsentChange(Guid.NewGuid(), scope, grant, supporter, time.GetUtcNow());
        RaiseEvent(new ConsentChangeProposed(Id, change.Id, scope, grant, supporter));
        state.State = S with { PendingConsents = [.. S.PendingConsents, change], Version = S.Version + 1 };
        await state.WriteStateAsync();
        return Own().Value;
    }

    private PendingConsentChange PendingConsent(Guid changeId) =>
        S.PendingConsents.FirstOrDefault(p => p.Id == changeId) ?? throw DomainException.NotFound("The pending change");
}
