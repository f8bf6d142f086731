using CoProduce.Grains.Common;

namespace CoProduce.Grains.Projects;

/// <summary>What a project keeps a list of: each kind is a list of its own.</summary>
public enum ProjectListKind
{
    Decisions,
    Surveys,
    Actions,
    Feedback,
}

/// <summary>
/// The ids of one kind of a project's items (its decisions, surveys, delivery actions or feedback entries), oldest
/// first; keyed by the project's id and the kind (<see cref="ProjectLists.ProjectList"/>). Each item keeps its own state.
/// </summary>
[Alias("coproduce.projects.IProjectListGrain")]
public interface IProjectListGrain : IGrainWithGuidCompoundKey
{
    /// <summary>Adds an item just created (called by the item's grain); an id added before is not added again.</summary>
    Task Add(Guid id);

    /// <summary>The ids, oldest first, with no access check (for reports and the live session).</summary>
    [ReadOnly]
    Task<IReadOnlyList<Guid>> Ids();

    /// <summary>The ids, newest first, for anyone who can see the project; 404 otherwise.</summary>
    [ReadOnly]
    Task<IReadOnlyList<Guid>> List(Actor actor);
}

public static class ProjectLists
{
    /// <summary>The project's list of <paramref name="kind"/>.</summary>
    public static IProjectListGrain ProjectList(this IGrainFactory grains, Guid projectId, ProjectListKind kind) =>
        grains.GetGrain<IProjectListGrain>(projectId, kind.ToString());
}
