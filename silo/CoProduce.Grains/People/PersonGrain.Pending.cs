using CoProduce.Grains.Common;

namespace CoProduce.Grains.People;

/// <summary>
/// A supporter's consent changes wait for the person (the rules in <see cref="PendingChanges{T}"/>): acting with
/// someone, a supporter proposes giving or withdrawing a consent, and only the person's own confirmation applies it.
/// The pending change, and the consent record once confirmed, name the supporter.
/// </summary>
public sealed partial class PersonGrain
{
    private static readonly PendingChanges<PendingConsentChange> Changes = new("consents");

    public async Task<OwnProfileView> ConfirmConsentChange(Actor actor, Guid changeId)
    {
        EnsureSelfOrSupporter(actor);
        var (change, rest, _) = Changes.Confirm(S.PendingConsents, actor, changeId);
        if (change.Grant && !Consented(change.Scope) && S.Consents.Count >= MaxConsents)
        {
            throw DomainException.Conflict($"A person may hold at most {MaxConsents} consents; withdraw some first.");
        }

        state.State = S with { PendingConsents = rest, Version = S.Version + 1 };
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
        var rejected = Changes.Reject(S.PendingConsents, actor, changeId);
        RaiseEvent(new ConsentChangeRejected(Id, changeId, rejected.Change.ProposedBy, rejected.By));
        state.State = S with { PendingConsents = rejected.Rest, Version = S.Version + 1 };
        await state.WriteStateAsync();
        return Own().Value;
    }

    private async Task<OwnProfileView> ProposeConsentChange(ConsentScope scope, bool grant, Guid supporter)
    {
        var change = new PendingConsentChange(Guid.NewGuid(), scope, grant, supporter, time.GetUtcNow());
        state.State = S with { PendingConsents = Changes.Propose(S.PendingConsents, change), Version = S.Version + 1 };
        RaiseEvent(new ConsentChangeProposed(Id, change.Id, scope, grant, supporter));
        await state.WriteStateAsync();
        return Own().Value;
    }
}
