using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Delivery;

public sealed record ProjectActionsState
{
    /// <summary>Action ids, oldest first.</summary>
    public List<Guid> Ids { get; init; } = [];
}

/// <summary>The list of a project's delivery actions, keyed by the project's id; each action keeps its own state.</summary>
[GrainType("projectactions")]
public sealed class ProjectActionsGrain([PersistentState("actions")] IPersistentState<ProjectActionsState> state) : Grain, IProjectActionsGrain
{
    // Bounds the stored list; a project with more actions than this is far outside normal use.
    private const int MaxActions = 5000;

    public async Task Add(Guid actionId)
    {
        if (state.State.Ids.Contains(actionId))
        {
            return;
        }

        if (state.State.Ids.Count >= MaxActions)
        {
            throw DomainException.Conflict($"This project already has {MaxActions} actions, the most it can keep.");
        }

        state.State = state.State with { Ids = [.. state.State.Ids, actionId] };
        await state.WriteStateAsync();
    }

    public async Task<IReadOnlyList<Guid>> List(Actor actor)
    {
        var access = await GrainFactory.GetGrain<IProjectGrain>(this.GetPrimaryKey()).AccessOf(actor);
        return access.CanSee ? [.. Enumerable.Reverse(state.State.Ids)] : throw DomainException.NotFound("The project");
    }
}
