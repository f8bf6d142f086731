using CoProduce.Grains.Common;

namespace CoProduce.Grains.Recognition;

/// <summary>
/// A supporter's changes to recognition consents wait for the person, as changes to payments and sharing consents do:
/// acting with someone, a supporter proposes giving, changing or withdrawing a consent to be named in credits or to
/// have a certificate, and only the person's own confirmation applies it. The pending change, and the consent once
/// confirmed, name the supporter.
/// </summary>
public sealed partial class RecognitionGrain
{
    private const int MaxPending = 20;

    public async Task<Versioned<RecognitionChoices>> ConfirmChange(Actor actor, Guid changeId)
    {
        await EnsureSelf(actor);
        if (actor.IsActingWith())
        {
            throw DomainException.Forbidden("Only the person confirms a supporter's change to their recognition; a supporter cannot confirm it for them.");
        }

        var change = Pending(changeId);
        if (change.Consent is not null && S.Consents.Count >= MaxConsents && !S.Consents.ContainsKey(change.ProjectId))
        {
            throw DomainException.Conflict($"A person may hold at most {MaxConsents} recognition consents.");
        }

        state.State = S with { Pending = [.. S.Pending.Where(p => p.Id != changeId)], Version = S.Version + 1 };
        if (change.Consent is { } consent)
        {
            return await Give(consent with { GivenAt = time.GetUtcNow(), SupportedBy = change.ProposedBy });
        }

        if (S.Consents.ContainsKey(change.ProjectId))
        {
            return await Remove(change.ProjectId, change.ProposedBy);
        }

        // Already withdrawn meanwhile: only the pending change goes.
        await state.WriteStateAsync();
        return Current();
    }

    public async Task<Versioned<RecognitionChoices>> RejectChange(Actor actor, Guid changeId)
    {
        await EnsureSelf(actor);
        var change = Pending(changeId);

        // The person rejects any change; a supporter may withdraw only one they proposed themselves.
        if (actor.SupportedBy is { } supporter && supporter != change.ProposedBy)
        {
            throw DomainException.Forbidden("Only the person, or the supporter who proposed it, can withdraw a pending change.");
        }

        RaiseEvent(new RecognitionChangeRejected(Id, changeId, change.ProposedBy, actor.SupportedBy ?? actor.PersonId));
        state.State = S with { Pending = [.. S.Pending.Where(p => p.Id != changeId)], Version = S.Version + 1 };
        await state.WriteStateAsync();
        return Current();
    }

    private async Task<Versioned<RecognitionChoices>> Propose(Guid projectId, RecognitionConsent? consent, Guid supporter)
    {
        if (S.Pending.Count >= MaxPending)
        {
            throw DomainException.Conflict($"At most {MaxPending} changes wait for the person; they confirm or reject some first.");
        }

        var change = new PendingRecognitionChange(Guid.NewGuid(), projectId, consent, supporter, time.GetUtcNow());
        RaiseEvent(new RecognitionChangeProposed(Id, change.Id, projectId, consent is not null, supporter));
        state.State = S with { Pending = [.. S.Pending, change], Version = S.Version + 1 };
        await state.WriteStateAsync();
        return Current();
    }

    private PendingRecognitionChange Pending(Guid changeId) =>
        S.Pending.FirstOrDefault(p => p.Id == changeId) ?? throw DomainException.NotFound("The pending change");
}
