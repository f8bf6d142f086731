using CoProduce.Journal.State;
using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Evaluation;

/// <summary>
/// A project's measures of success, keyed by the project's id. Whoever can see the project reads them;
/// contributors and facilitators propose, edit their own and endorse or object; facilitators agree the
/// set. Anyone else is told the project does not exist. Access is asked of the project on every call.
/// </summary>
// Reentrant so that many participants endorsing at once share writes; every method reads and changes
// the state only after its last await before Commit, so interleaving never acts on a stale view.
[Reentrant]
[GrainType("evaluation")]
public sealed partial class EvaluationGrain([JournaledState("evaluation")] IJournaledState<EvaluationState> state, TimeProvider time) : JournaledGrain, IEvaluationGrain
{
    /// <summary>Contributors and facilitators take part; observers, and staff who do not facilitate, watch.</summary>
    private const string TakesPartRefusal = "Observers can follow the measures; contributors and facilitators shape them.";

    private EvaluationState S => state.State;

    private Guid ProjectId => this.GetPrimaryKey();

    public async Task<Versioned<MeasuresView>> Get(Actor actor)
    {
        var access = await GrainFactory.EnsureCanSee(actor, ProjectId);
        return await ShownTo(access);
    }

    public async Task<Measure> GetMeasure(Actor actor, Guid measureId)
    {
        var access = await GrainFactory.EnsureCanSee(actor, ProjectId);
        return await ShownTo(access, FindMeasure(measureId));
    }

    private Measure FindMeasure(Guid measureId) =>
        S.Measures.Find(m => m.Id == measureId) ?? throw DomainException.NotFound("The measure");

    private void EnsureOpen()
    {
        if (S.Status == MeasuresStatus.Agreed)
        {
            throw DomainException.Conflict("The measures are agreed; they stay as the group agreed them.");
        }
    }

    private List<Measure> Replace(Measure measure) => [.. S.Measures.Select(m => m.Id == measure.Id ? measure : m)];

    /// <summary>
    /// The measures as this reader may see them: each proposer's lived experience as their profile says it now, and
    /// only where <see cref="LivedExperienceShown"/> allows (facilitators, for people who agreed); null otherwise.
    /// </summary>
    private async Task<Versioned<MeasuresView>> ShownTo(ProjectAccess access)
    {
        var current = Current();
        var measures = current.Value.Measures;
        var shown = await LivedExperienceShown.To(GrainFactory, ProjectId, access, measures.Select(m => m.ProposedBy));
        return current with { Value = current.Value with { Measures = [.. measures.Select(m => m with { ProposerLivedExperience = shown(m.ProposedBy) })] } };
    }

    private async Task<Measure> ShownTo(ProjectAccess access, Measure measure)
    {
        var shown = await LivedExperienceShown.To(GrainFactory, ProjectId, access, [measure.ProposedBy]);
        return measure with { ProposerLivedExperience = shown(measure.ProposedBy) };
    }

    private Versioned<MeasuresView> Current() => new(new MeasuresView(ProjectId, S.Status, S.Measures, S.Agreement), S.Version);
}
