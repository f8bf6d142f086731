using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Decisions;

public sealed record ProjectDecisionsState
{
    /// <summary>Decision ids, oldest first.</summary>
    public List<Guid> Ids { get; init; } = [];
}

/// <summary>The list of a project's decisions, keyed by the project's id; each decision keeps its own state.</summary>
[GrainType("projectdecisions")]
public sealed class ProjectDecisionsGrain([PersistentState("decisions")] IPersistentState<ProjectDecisionsState> state) : Grain, IProjectDecisionsGrain
{
    // Bounds the stored list; a project taking more decisions than this is far outside normal use.
    private const int MaxDecisions = 5000;

    public async Task Add(Guid decisionId)
    {
        if (state.State.Ids.Contains(decisionId))
        {
            return;
        }

        if (state.State.Ids.Count >= MaxDecisions)
        {
            throw DomainException.Conflict($"This project already has {MaxDecisions} decisions, the most it can keep.");
        }

        state.State = state.State with { Ids = [.. state.State.Ids, decisionId] };
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<Guid>> Ids() => Task.FromResult<IReadOnlyList<Guid>>([.. state.State.Ids]);

    public async Task<IReadOnlyList<Guid>> List(Actor actor)
    {
        var access = await GrainFactory.GetGrain<IProjectGrain>(this.GetPrimaryKey()).AccessOf(actor);
        return access.CanSee ? [.. Enumerable.Reverse(state.State.Ids)] : throw DomainException.NotFound("The project");
    }
}
