using CoProduce.Grains.Common;

namespace CoProduce.Grains.Recognition;

/// <summary>
/// A supporter's changes to recognition consents wait for the person, as changes to payments and sharing consents do
/// (the rules in <see cref="PendingChanges{T}"/>): acting with someone, a supporter proposes giving, changing or
/// withdrawing a consent to be named in credits or to have a certificate, and only the person's own confirmation
/// applies it. The pending change, and the consent once confirmed, name the supporter.
/// </summary>
public sealed partial class RecognitionGrain
{
    private static readonly PendingChanges<PendingRecognitionChange> Changes = new("recognition");

    public async Task<Versioned<RecognitionChoices>> ConfirmChange(Actor actor, Guid changeId)
    {
        await EnsureSelf(actor);
        var (change, rest, _) = Changes.Confirm(S.Pending, actor, changeId);
        if (change.Consent is not null && S.Consents.Count >= MaxConsents && !S.Consents.ContainsKey(change.ProjectId))
        {
            throw DomainException.Conflict($"A person may hold at most {MaxConsents} recognition consents.");
        }

        state.State = S with { Pending = rest, Version = S.Version + 1 };
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
        var rejected = Changes.Reject(S.Pending, actor, changeId);
        RaiseEvent(new RecognitionChangeRejected(Id, changeId, rejected.Change.ProposedBy, rejected.By));
        state.State = S with { Pending = rejected.Rest, Version = S.Version + 1 };
        await state.WriteStateAsync();
        return Current();
    }

    private async Task<Versioned<RecognitionChoices>> Propose(Guid projectId, RecognitionConsent? consent, Guid supporter)
    {
        var change = new PendingRecognitionChange(Guid.NewGuid(), projectId, consent, supporter, time.GetUtcNow());
        state.State = S with { Pending = Changes.Propose(S.Pending, change), Version = S.Version + 1 };
        RaiseEvent(new RecognitionChangeProposed(Id, change.Id, projectId, consent is not null, supporter));
        await state.WriteStateAsync();
        return Current();
    }
}
