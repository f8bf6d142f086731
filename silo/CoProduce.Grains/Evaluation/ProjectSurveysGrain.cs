using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Evaluation;

public sealed record ProjectSurveysState
{
    /// <summary>Survey ids, oldest first.</summary>
    public List<Guid> Ids { get; init; } = [];
}

/// <summary>The list of a project's surveys, keyed by the project's id; each survey keeps its own state.</summary>
[GrainType("projectsurveys")]
public sealed class ProjectSurveysGrain([PersistentState("surveys")] IPersistentState<ProjectSurveysState> state) : Grain, IProjectSurveysGrain
{
    // Bounds the stored list; a project running more surveys than this is far outside normal use.
    private const int MaxSurveys = 5000;

    public async Task Add(Guid surveyId)
    {
        if (state.State.Ids.Contains(surveyId))
        {
            return;
        }

        if (state.State.Ids.Count >= MaxSurveys)
        {
            throw DomainException.Conflict($"This project already has {MaxSurveys} surveys, the most it can keep.");
        }

        state.State = state.State with { Ids = [.. state.State.Ids, surveyId] };
        await state.WriteStateAsync();
    }

    public async Task<IReadOnlyList<Guid>> List(Actor actor)
    {
        var access = await GrainFactory.GetGrain<IProjectGrain>(this.GetPrimaryKey()).AccessOf(actor);
        return access.CanSee ? [.. Enumerable.Reverse(state.State.Ids)] : throw DomainException.NotFound("The project");
    }
}
