using CoProduce.Grains.Common;

namespace CoProduce.Grains.Projects;

/// <summary>
/// The one access gate of the grains that belong to a project: the project's answer for the actor (with
/// <see cref="ActingWith"/>), then 404 to anyone who may not see the project, so they never learn it exists, and 403
/// to someone in it who may not do what they asked. Asked on every call, so a role change counts at once.
/// </summary>
public static class ProjectGate
{
    public const string OnlyFacilitators = "Only the project's facilitators can do this.";

    private const string TheProject = "The project";

    /// <summary>
    /// The actor's access; 404 to anyone who may not see the project, naming <paramref name="notFound"/> (the project,
    /// unless a grain of it hides itself by its own name).
    /// </summary>
    public static async Task<ProjectAccess> EnsureCanSee(this IProjectGrain project, Actor actor, string notFound = TheProject)
    {
        var access = await project.AccessOf(actor);
        return access.CanSee ? access : throw DomainException.NotFound(notFound);
    }

    /// <summary>Contributors and facilitators take part; observers, and staff who do not facilitate, watch (403 with <paramref name="refusal"/>).</summary>
    public static async Task<ProjectAccess> EnsureTakesPart(this IProjectGrain project, Actor actor, string refusal)
    {
        var access = await project.EnsureCanSee(actor);
        return access.Role is ProjectRole.Contributor or ProjectRole.Facilitator || access.CanFacilitate
            ? access
            : throw DomainException.Forbidden(refusal);
    }

    /// <summary>The project's facilitators only (never a supporter acting with one); 403 with <paramref name="refusal"/> to anyone else in it.</summary>
    public static async Task<ProjectAccess> EnsureCanFacilitate(this IProjectGrain project, Actor actor, string refusal = OnlyFacilitators, string notFound = TheProject)
    {
        var access = await project.EnsureCanSee(actor, notFound);
        return access.CanFacilitate ? access : throw DomainException.Forbidden(refusal);
    }

    public static Task<ProjectAccess> EnsureCanSee(this IGrainFactory grains, Actor actor, Guid projectId) =>
        grains.GetGrain<IProjectGrain>(projectId).EnsureCanSee(actor);

    public static Task<ProjectAccess> EnsureTakesPart(this IGrainFactory grains, Actor actor, Guid projectId, string refusal) =>
        grains.GetGrain<IProjectGrain>(projectId).EnsureTakesPart(actor, refusal);

    public static Task<ProjectAccess> EnsureCanFacilitate(this IGrainFactory grains, Actor actor, Guid projectId, string refusal = OnlyFacilitators, string notFound = TheProject) =>
        grains.GetGrain<IProjectGrain>(projectId).EnsureCanFacilitate(actor, refusal, notFound);
}
