using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Evaluation;

/// <summary>Measures: proposed by anyone taking part, with provenance; changed by their proposer or a facilitator under If-Match.</summary>
public sealed partial class EvaluationGrain
{
    private const int MaxMeasures = 50;

    public async Task<Measure> Propose(Actor actor, MeasureText text)
    {
        var access = await GrainFactory.EnsureTakesPart(actor, ProjectId, TakesPartRefusal);
        var clean = Clean(text);

        EnsureOpen();
        if (S.Measures.Count >= MaxMeasures)
        {
            throw DomainException.Conflict($"The project already has {MaxMeasures} measures, the most it can keep.");
        }

        // No copy of the proposer's lived experience is kept: views read it from their profile as it is now (ShownTo).
        var role = access.Role == ProjectRole.Contributor ? ProjectRole.Contributor : ProjectRole.Facilitator;
        var measure = new Measure(
            Guid.NewGuid(), clean.Name, clean.WhatItMeasures, clean.HowCollected, clean.EasyReadSummary,
            actor.PersonId, actor.SupportedBy, role, ProposerLivedExperience: null, time.GetUtcNow(), Version: 1, Endorsements: []);
        RaiseEvent(new MeasureProposed(ProjectId, measure));
        await state.Commit(S with { Measures = [.. S.Measures, measure] });
        return await ShownTo(access, measure);
    }

    public async Task<Measure> Edit(Actor actor, Guid measureId, MeasureText text, long expectedVersion)
    {
        var access = await GrainFactory.EnsureTakesPart(actor, ProjectId, TakesPartRefusal);
        var clean = Clean(text);
        var measure = FindMeasure(measureId);
        if (measure.ProposedBy != actor.PersonId && !access.CanFacilitate)
        {
            throw DomainException.Forbidden("Only the person who proposed a measure, or a facilitator, can change it.");
        }

        if (measure.Version != expectedVersion)
        {
            throw DomainException.Stale(measure.Version);
        }

        EnsureOpen();

        // Endorsements were given to the old words; the journal keeps them, and people answer again.
        var edited = measure with
        {
            Name = clean.Name,
            WhatItMeasures = clean.WhatItMeasures,
            HowCollected = clean.HowCollected,
            EasyReadSummary = clean.EasyReadSummary,
            Version = measure.Version + 1,
            Endorsements = [],
        };
        RaiseEvent(new MeasureEdited(ProjectId, edited, actor.PersonId, actor.SupportedBy));
        await state.Commit(S with { Measures = Replace(edited) });
        return await ShownTo(access, edited);
    }

    public async Task<Measure> Endorse(Actor actor, Guid measureId, bool endorses, string? comment)
    {
        var access = await GrainFactory.EnsureTakesPart(actor, ProjectId, TakesPartRefusal);
        var cleanComment = Text.Optional(comment, "comment");
        var measure = FindMeasure(measureId);
        EnsureOpen();
        var endorsement = new Endorsement(actor.PersonId, actor.SupportedBy, endorses, cleanComment, time.GetUtcNow());
        var answered = measure with
        {
            Endorsements = [.. measure.Endorsements.Where(e => e.PersonId != actor.PersonId), endorsement],
            Version = measure.Version + 1,
        };
        RaiseEvent(new MeasureEndorsed(ProjectId, measureId, endorsement));
        await state.Commit(S with { Measures = Replace(answered) });
        return await ShownTo(access, answered);
    }

    public async Task<Versioned<MeasuresView>> Agree(Actor actor)
    {
        var access = await GrainFactory.EnsureCanFacilitate(actor, ProjectId);
        EnsureOpen();
        if (S.Measures.Count == 0)
        {
            throw DomainException.Conflict("There are no measures to agree yet.");
        }

        if (!S.Measures.Exists(m => m.Endorsements.Count > 0))
        {
            throw DomainException.Conflict("Nobody has endorsed or objected to a measure yet; measures are agreed by the group, not imposed.");
        }

        var agreement = new MeasuresAgreement(
            actor.PersonId,
            actor.SupportedBy,
            time.GetUtcNow(),
            [.. S.Measures.Select(m => new AgreedMeasure(
                m.Id,
                m.Version,
                [.. m.Endorsements.Where(e => e.Endorses).Select(e => e.PersonId)],
                [.. m.Endorsements.Where(e => !e.Endorses).Select(e => e.PersonId)]))]);
        RaiseEvent(new MeasuresAgreed(ProjectId, agreement));
        await state.Commit(S with { Status = MeasuresStatus.Agreed, Agreement = agreement });
        return await ShownTo(access);
    }

    private static MeasureText Clean(MeasureText text) => new(
        Text.Required(text.Name, "name"),
        Text.Required(text.WhatItMeasures, "whatItMeasures", Text.ParagraphLength),
        Text.Required(text.HowCollected, "howCollected", Text.ParagraphLength),
        Text.Optional(text.EasyReadSummary, "easyReadSummary"));
}
