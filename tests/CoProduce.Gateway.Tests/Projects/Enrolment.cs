using System.Net;
using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Gateway.Tests;

/// <summary>
/// People join a project the way the product lets them: asked by a facilitator, then accepting for themselves.
/// Test worlds use these helpers instead of adding anyone directly (which the product no longer allows).
/// </summary>
public static class Enrolment
{
    /// <summary>What the test worlds' people agree the project may see: lived experience shown, and counted in aggregates.</summary>
    public static ParticipationConsent Everything { get; } = new(ShowLivedExperience: true, CountInAggregates: true);

    /// <summary>Asks the person and accepts as them; for someone already taking part, changes their role instead.</summary>
    public static async Task Enrol(this IProjectGrain project, Actor by, Guid person, ProjectRole role, ParticipationConsent? consent = null)
    {
        if (await project.RoleOf(person) is not null)
        {
            await project.SetParticipant(by, person, role);
            return;
        }

        await project.RequestParticipation(by, person, role);
        await project.AcceptParticipation(new Actor(person), consent ?? Everything);
    }

    /// <summary>Over HTTP: PUT the participant as <paramref name="facilitator"/>; when that asks (202), accept as the person.</summary>
    public static async Task Enrol(Func<Guid, HttpClient> clientFor, Guid facilitator, Guid projectId, Guid person, string role, object? consent = null)
    {
        var put = clientFor(facilitator).PutJson($"/api/projects/{projectId}/participants/{person}", new { role });
        if ((await put).StatusCode != HttpStatusCode.Accepted)
        {
            await put.Expect(HttpStatusCode.OK);
            return;
        }

        await clientFor(person).PostJson($"/api/me/participation-requests/{projectId}/accept", consent ?? new { showLivedExperience = true, countInAggregates = true })
            .Expect(HttpStatusCode.OK);
    }
}
