using CoProduce.Grains.Projects;
using CoProduce.Live;

namespace CoProduce.Grains.Live;

/// <summary>The role a person joins a project's live session in, from how they stand with the project (one rule for joining and for changes).</summary>
public static class LiveRoles
{
    /// <summary>Facilitator for anyone who may facilitate, else their participant role; null for whoever may not join.</summary>
    public static LiveRole? Of(ProjectAccess access) => access switch
    {
        { Exists: false } => null,
        { CanFacilitate: true } => LiveRole.Facilitator,
        { Role: ProjectRole.Contributor } => LiveRole.Contributor,
        { Role: ProjectRole.Observer } => LiveRole.Observer,
        _ => null,
    };
}
