using System.Security.Claims;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Common;
using CoProduce.Grains.Live;
using CoProduce.Grains.People;
using CoProduce.Grains.Projects;
using CoProduce.Live;
using CoProduce.Telemetry;
using Microsoft.AspNetCore.SignalR;

namespace CoProduce.Gateway.Live;

/// <summary>
/// Who may join a project's session: its participants, staff who may facilitate it, and supporters acting
/// with one of its contributors. Anyone else is refused, and no group membership or presence is made.
/// </summary>
internal static class LiveAdmission
{
    /// <summary>The member the connection joins as, and the name the project knows the person in the room by, if any.</summary>
    public static async Task<(LiveMember Member, string? DisplayName)> AdmitAsync(ClaimsPrincipal user, JoinRequest request, IGrainFactory grains) =>
        await TryAdmitAsync(user, request, grains) ?? throw Refused();

    /// <summary>As <see cref="AdmitAsync"/>, with null for whoever may not join.</summary>
    public static async Task<(LiveMember Member, string? DisplayName)?> TryAdmitAsync(ClaimsPrincipal user, JoinRequest request, IGrainFactory grains)
    {
        // Whoever joins may go on to cast anonymous ballots in this session: the checks that name them (a person
        // grain's key is the person's id; the project reads their name from it) never do so in telemetry, as
        // for the HTTP API (ActorResolver).
        using var unattributed = Unattributed.Begin();
        var caller = user.PersonId();
        var project = grains.GetGrain<IProjectGrain>(request.ProjectId);
        if (request.ActingWith is { } contributor && contributor != caller)
        {
            var supported = await grains.GetGrain<IPersonGrain>(contributor).IsSupportedBy(caller);
            var theirs = await project.AccessOf(contributor);
            return supported && theirs.Exists && theirs.Role == ProjectRole.Contributor
                ? (new LiveMember(request.ProjectId, caller, new Actor(contributor, caller), LiveRole.Supporter), null)
                : null;
        }

        var access = await project.AccessOf(caller);
        return LiveRoles.Of(access) is { } role ? (new LiveMember(request.ProjectId, caller, new Actor(caller), role), access.DisplayName) : null;
    }

    public static HubException Refused() =>
        new($"{LiveErrors.NotAMember}: you are not part of this project, so you cannot join its live session.");
}
