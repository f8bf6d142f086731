using CoProduce.Grains.Common;

namespace CoProduce.Grains.Representation;

/// <summary>
/// A supporter's change to someone's diversity data waits for the person, as changes to payments, consents and
/// recognition do: acting with someone, a supporter proposes new answers or withdrawing consent, and only the person's
/// own confirmation applies it. Until then the stored answers, and so every aggregate, stay as they were. The pending
/// change, and the data once confirmed, name the supporter; the journal never holds what was proposed.
/// </summary>
public sealed partial class DiversityGrain
{
    private static readonly PendingChanges<PendingDiversityChange> Changes = new("diversity data");

    public async Task<DiversityChoices> ConfirmChange(Actor actor, Guid changeId)
    {
        await SelfCheck.Ensure(GrainFactory, actor, Id);
        var confirmed = Changes.Confirm(S.Pending, actor, changeId);
        state.State = S with { Pending = confirmed.Rest };
        if (confirmed.Change.Answers is { } answers)
        {
            await Apply([.. answers], confirmed.Change.ProposedBy);
        }
        else if (Given)
        {
            await Delete(confirmed.Change.ProposedBy);
        }
        else
        {
            // Already withdrawn meanwhile: only the pending change goes.
            await Save();
        }

        return View();
    }

    public async Task<DiversityChoices> RejectChange(Actor actor, Guid changeId)
    {
        await SelfCheck.Ensure(GrainFactory, actor, Id);
        var rejected = Changes.Reject(S.Pending, actor, changeId);
        RaiseEvent(new DiversityChangeRejected(Id, changeId, rejected.Change.ProposedBy, rejected.By));
        state.State = S with { Pending = rejected.Rest };
        await Save();
        return View();
    }

    private async Task<DiversityChoices> Propose(List<DiversityAnswer>? answers, Guid supporter)
    {
        var change = new PendingDiversityChange(Guid.NewGuid(), answers, supporter, time.GetUtcNow());
        state.State = S with { Pending = Changes.Propose(S.Pending, change) };
        RaiseEvent(new DiversityChangeProposed(Id, change.Id, answers is null, supporter));
        await state.WriteStateAsync();
        return View();
    }

    /// <summary>Writes the state, or clears it when it holds nothing (no data, nothing waiting), so no row keeps a rejected proposal.</summary>
    private Task Save() => Given || S.Pending.Count > 0 ? state.WriteStateAsync() : state.ClearStateAsync();
}
