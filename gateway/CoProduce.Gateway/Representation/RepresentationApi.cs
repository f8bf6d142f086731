using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Common;
using CoProduce.Grains.Representation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CoProduce.Gateway.Representation;

/// <summary>
/// Representation: who people speak for, their optional self-described diversity data (consented,
/// withdrawable, deleted on withdrawal), networks' lists of groups, and each project's targets with
/// suppressed aggregates and who is missing.
/// </summary>
public static class RepresentationApi
{
    /// <summary>Maps /api/me/speaks-for, /api/me/diversity, /api/networks/{networkId}/groups and /api/projects/{projectId}/representation.</summary>
    public static RouteGroupBuilder MapRepresentation(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").WithTags("Representation").RequireAuthorization();
        MapOwn(me);

        var networks = app.MapGroup("/api/networks/{networkId:guid}/groups").WithTags("Representation").RequireAuthorization();
        networks.MapGet("/", async (Guid networkId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await grains.GetGrain<INetworkGroupsGrain>(networkId).Get(caller.Actor)))
            .WithSummary("The network's list of groups and communities, for its coordinators, member organisations' staff and people in its projects.");
        networks.MapPost("/", async (Guid networkId, NetworkGroupRequest request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var groups = await grains.GetGrain<INetworkGroupsGrain>(networkId).Add(caller.Actor, request.Name);
                context.Response.Headers.ETag = Etags.Format(groups.Version);
                return TypedResults.Created($"/api/networks/{networkId}/groups", groups.Value);
            })
            .WithIdempotency()
            .WithSummary("Add a group or community to the network's list (coordinators). A name already listed is 409.");

        var project = app.MapGroup("/api/projects/{projectId:guid}/representation").WithTags("Representation").RequireAuthorization();
        MapProject(project);
        return project;
    }

    private static void MapOwn(RouteGroupBuilder me)
    {
        me.MapGet("/speaks-for", async (HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return Etags.Ok(context, await grains.GetGrain<ISpeaksForGrain>(actor.PersonId).Get(actor));
            })
            .WithSummary("Who you speak for.");

        me.MapPut("/speaks-for", async (SpeaksForRequest request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return Etags.Ok(context, await grains.GetGrain<ISpeaksForGrain>(actor.PersonId).Set(actor, request.InTheirWords, request.Groups));
            })
            .WithSummary("Say who you speak for, in your own words and from your networks' lists of groups.")
            .WithDescription("Facilitators of your projects see it. A group its network does not list is 400.");

        me.MapGet("/diversity", async (IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return TypedResults.Ok(await grains.GetGrain<IDiversityGrain>(actor.PersonId).Get(actor));
            })
            .WithSummary("Your diversity data, if you have given any (404 otherwise). Nobody else ever sees it.");

        me.MapPut("/diversity", async Task<Results<Ok<DiversityData>, Accepted<DiversityChoices>>> (DiversityRequest request, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                var choices = await grains.GetGrain<IDiversityGrain>(actor.PersonId).Give(actor, request.Consent, request.Answers);
                return !actor.IsActingWith() && choices.Data is { } data ? TypedResults.Ok(data) : TypedResults.Accepted((string?)null, choices);
            })
            .WithSummary("Give or replace your self-described diversity data, with your explicit consent (consent: true).")
            .WithDescription("It is only ever counted in aggregates of at least five people, never shown per person. "
                + "A supporter acting with you only proposes it (202): it waits under pending until you confirm it.");

        me.MapDelete("/diversity", async Task<Results<NoContent, Accepted<DiversityChoices>>> (IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                var choices = await grains.GetGrain<IDiversityGrain>(actor.PersonId).Withdraw(actor);
                return actor.IsActingWith() && choices.Data is not null ? TypedResults.Accepted((string?)null, choices) : TypedResults.NoContent();
            })
            .WithSummary("Withdraw consent: your diversity data is deleted, not hidden, and leaves every aggregate at once.")
            .WithDescription("Changes waiting for you are deleted with it. A supporter acting with you only proposes it (202): "
                + "it waits under pending until you confirm it.");

        me.MapGet("/diversity/pending", async (IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return TypedResults.Ok(await grains.GetGrain<IDiversityGrain>(actor.PersonId).Choices(actor));
            })
            .WithSummary("Your diversity data, if any, and supporters' changes to it waiting for you, each naming the supporter (proposedBy).");

        me.MapPost("/diversity/pending/{changeId:guid}/confirm", async (Guid changeId, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return TypedResults.Ok(await grains.GetGrain<IDiversityGrain>(actor.PersonId).ConfirmChange(actor, changeId));
            })
            .WithSummary("Confirm a supporter's pending change to your diversity data (you only, not a supporter); it then applies, naming them.");

        me.MapPost("/diversity/pending/{changeId:guid}/reject", async (Guid changeId, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return TypedResults.Ok(await grains.GetGrain<IDiversityGrain>(actor.PersonId).RejectChange(actor, changeId));
            })
            .WithSummary("Reject a supporter's pending change to your diversity data (or, as that supporter, withdraw it); nothing changes.");
    }

    private static void MapProject(RouteGroupBuilder project)
    {
        project.MapGet("/", async (Guid projectId, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await grains.GetGrain<IProjectRepresentationGrain>(projectId).View(caller.Actor)))
            .WithSummary("Who the contributors speak for, how they describe themselves (groups under 5 suppressed) and who is missing against the targets. Facilitators.")
            .WithDescription("A cell under 5 is hidden, and enough others with it that no total gives it away; a target's figures are shown only where its cell is.");

        project.MapGet("/targets", async (Guid projectId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await grains.GetGrain<IProjectRepresentationGrain>(projectId).Targets(caller.Actor)))
            .WithSummary("The project's target representation. Anyone who can see the project.");

        project.MapPut("/targets", async (Guid projectId, TargetsRequest request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                var expected = Etags.IfMatch(context.Request);
                return Etags.Ok(context, await grains.GetGrain<IProjectRepresentationGrain>(projectId).SetTargets(actor, request.ToTargets(), expected));
            })
            .WithSummary("Set the project's target representation (facilitators); after the first time, send If-Match with the ETag last read.");
    }
}
