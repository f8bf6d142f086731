using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Agenda;

/// <summary>Agreement: everyone taking part says whether they agree to the ranked agenda; a facilitator confirms it, objections and all.</summary>
public sealed partial class AgendaGrain
{
    public async Task<Versioned<AgendaView>> RecordAgreement(Actor actor, bool agrees, string? comment)
    {
        var access = await GrainFactory.EnsureTakesPart(actor, ProjectId, TakesPartRefusal);
        EnsureRanked();
        var record = new AgreementRecord(actor.PersonId, actor.SupportedBy, agrees, Text.Optional(comment, "comment"), time.GetUtcNow());

        // The latest answer counts; every answer stays in the journal, so a change of mind is on record.
        RaiseEvent(new AgreementRecorded(ProjectId, record));
        await state.Commit(S with { Agreement = [.. S.Agreement.Where(a => a.PersonId != actor.PersonId), record] });
        return await ShownTo(access);
    }

    public async Task<Versioned<AgendaView>> Agree(Actor actor)
    {
        var access = await GrainFactory.EnsureCanFacilitate(actor, ProjectId);
        EnsureRanked();
        if (S.Agreement.Count == 0)
        {
            throw DomainException.Conflict("Nobody has said whether they agree yet; the agenda is agreed by the group, not imposed.");
        }

        RaiseEvent(new AgendaAgreed(
            ProjectId,
            [.. S.Ranking.Select(r => r.ItemId)],
            [.. S.Agreement.Where(a => a.Agrees).Select(a => a.PersonId)],
            [.. S.Agreement.Where(a => !a.Agrees).Select(a => a.PersonId)],
            actor.PersonId,
            actor.SupportedBy));
        await state.Commit(S with { Status = AgendaStatus.Agreed, ConfirmedBy = actor.PersonId, ConfirmedAt = time.GetUtcNow() });
        return await ShownTo(access);
    }

    private void EnsureRanked()
    {
        if (S.Status != AgendaStatus.Ranked)
        {
            throw DomainException.Conflict(S.Status == AgendaStatus.Agreed
                ? "The agenda is already agreed; a facilitator can open a new ranking to revisit it."
                : "There is no ranked agenda to agree to yet; ranking must close first.");
        }
    }
}
