using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.People;
using CoProduce.Grains.Projects;

namespace CoProduce.Gateway.Projects;

/// <summary>
/// Taking part is your own act: the requests projects have sent you, which you accept or decline, and what each
/// project you take part in may see of you. A linked supporter acts with you through CoProduce-Acting-With.
/// </summary>
public static class ParticipationApi
{
    public static RouteGroupBuilder MapParticipation(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").WithTags("Participation").RequireAuthorization();

        me.MapGet("/participation-requests", async (IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                var projects = await grains.GetGrain<IPersonGrain>(actor.PersonId).ParticipationRequests(actor);
                var requests = await Task.WhenAll(projects.Select(p => grains.GetGrain<IProjectGrain>(p).RequestFor(actor.PersonId)));
                return TypedResults.Ok(requests.OfType<ParticipationRequest>().ToList());
            })
            .WithSummary("The requests to take part that you have not answered: who asks, for which organisation, in what role, and what the project will see.");

        me.MapPost("/participation-requests/{projectId:guid}/accept", async (Guid projectId, AcceptParticipation request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                var consent = new ParticipationConsent(request.ShowLivedExperience, request.CountInAggregates);
                return Etags.Ok(context, await grains.GetGrain<IProjectGrain>(projectId).AcceptParticipation(actor, consent));
            })
            .Produces<ProjectView>()
            .WithSummary("Accept a request to take part, saying what the project may see; you are a participant from now on.")
            .WithDescription("404 when there is no open request to you from that project. Both choices default to no.");

        me.MapPost("/participation-requests/{projectId:guid}/decline", async (Guid projectId, IGrainFactory grains, Caller caller) =>
            {
                await grains.GetGrain<IProjectGrain>(projectId).DeclineParticipation(caller.Actor);
                return TypedResults.NoContent();
            })
            .WithSummary("Decline a request to take part; nothing of yours was read into the project.");

        me.MapGet("/projects/{projectId:guid}/consent", async (Guid projectId, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await grains.GetGrain<IProjectGrain>(projectId).ConsentOf(caller.Actor)))
            .WithSummary("What a project you take part in may see of you beyond your name and role.");

        me.MapPut("/projects/{projectId:guid}/consent", async (Guid projectId, ParticipationConsent request, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await grains.GetGrain<IProjectGrain>(projectId).SetConsent(caller.Actor, request)))
            .WithSummary("Change what a project you take part in may see of you; it applies from the next read, and to aggregates from their next publication.");

        return me;
    }
}

/// <summary>Your answer to a request to take part.</summary>
/// <param name="ShowLivedExperience">Whether the project's facilitators may see that you have lived experience (as your profile says). Default no.</param>
/// <param name="CountInAggregates">Whether your diversity answers and the groups you speak for are counted in the project's published figures. Default no.</param>
[ApiExample("""{"showLivedExperience":true,"countInAggregates":false}""")]
public sealed record AcceptParticipation(bool ShowLivedExperience = false, bool CountInAggregates = false);
