using CoProduce.Grains.Common;

namespace CoProduce.Grains.Projects;

public sealed record ProjectListState
{
    /// <summary>Ids, oldest first.</summary>
    public List<Guid> Ids { get; init; } = [];
}

/// <summary>
/// One list of a project's items, keyed by the project's id and the kind of item (<see cref="ProjectListKind"/>); the
/// items keep their own state.
/// </summary>
[GrainType("projectlist")]
public sealed class ProjectListGrain([PersistentState("project-list")] IPersistentState<ProjectListState> state) : Grain, IProjectListGrain
{
    // Bounds the stored list; a project with more items of one kind than this is far outside normal use.
    private const int MaxIds = 5000;

    private Guid ProjectId => this.GetPrimaryKey(out _);

    public async Task Add(Guid id)
    {
        if (state.State.Ids.Contains(id))
        {
            return;
        }

        if (state.State.Ids.Count >= MaxIds)
        {
            throw DomainException.Conflict($"This project already has {MaxIds} {Items()}, the most it can keep.");
        }

        state.State = state.State with { Ids = [.. state.State.Ids, id] };
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<Guid>> Ids() => Task.FromResult<IReadOnlyList<Guid>>([.. state.State.Ids]);

    public async Task<IReadOnlyList<Guid>> List(Actor actor)
    {
        await GrainFactory.EnsureCanSee(actor, ProjectId);
        return [.. Enumerable.Reverse(state.State.Ids)];
    }

    private string Items()
    {
        this.GetPrimaryKey(out var kind);
        return Enum.Parse<ProjectListKind>(kind ?? "") switch
        {
            ProjectListKind.Feedback => "feedback entries",
            var other => other.ToString().ToLowerInvariant(),
        };
    }
}
