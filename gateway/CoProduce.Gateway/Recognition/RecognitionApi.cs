using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Common;
using CoProduce.Grains.Recognition;

namespace CoProduce.Gateway.Recognition;

/// <summary>
/// Recognition: each person's record of contributions, their consent to credits and certificates, the
/// sessions facilitators record, a project's credits and printable certificates of involvement.
/// </summary>
public static class RecognitionApi
{
    /// <summary>Maps /api/me/contributions, /api/me/recognition, the shared records of contributions and /api/projects/{projectId}/... recognition.</summary>
    public static RouteGroupBuilder MapRecognition(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").WithTags("Recognition").RequireAuthorization();
        MapOwn(me);
        MapShared(app);

        var project = app.MapGroup("/api/projects/{projectId:guid}").WithTags("Recognition").RequireAuthorization();
        MapProject(project);
        return project;
    }

    private static void MapOwn(RouteGroupBuilder me)
    {
        me.MapGet("/contributions", async (IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return TypedResults.Ok(await grains.GetGrain<IRecognitionGrain>(actor.PersonId).Mine(actor));
            })
            .WithSummary("Your record of contributions: sessions and hours, agenda items proposed, decisions voted in and shaped, surveys, measures and feedback.")
            .WithDescription("Derived on every read from the projects you take part in. Anonymous votes and survey answers are never attributed, so they are not listed.");

        me.MapGet("/recognition", async (HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return Etags.Ok(context, await grains.GetGrain<IRecognitionGrain>(actor.PersonId).Choices(actor));
            })
            .WithSummary("Your consents to be named in credits and to have certificates, project by project.");

        me.MapPut("/recognition/{projectId:guid}", async (Guid projectId, RecognitionConsentRequest request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                var grain = grains.GetGrain<IRecognitionGrain>(actor.PersonId);
                return Changed(context, actor, await grain.Consent(actor, projectId, request.Name, request.Credits, request.Certificate));
            })
            .WithSummary("Consent to be named in a project's credits, to have its certificate, or both, under the name you choose.")
            .WithDescription("Only for a project you take part in (404 otherwise). Nothing is assumed: without this you are in no credits and have no certificate. "
                + "A supporter acting with you only proposes it (202): it waits under pending until you confirm it.");

        me.MapDelete("/recognition/{projectId:guid}", async (Guid projectId, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return Changed(context, actor, await grains.GetGrain<IRecognitionGrain>(actor.PersonId).Withdraw(actor, projectId));
            })
            .WithSummary("Withdraw your consent for a project: you leave its credits and its certificate at once.")
            .WithDescription("A supporter acting with you only proposes it (202): it waits under pending until you confirm it.");

        me.MapPost("/recognition/pending/{changeId:guid}/confirm", async (Guid changeId, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return Etags.Ok(context, await grains.GetGrain<IRecognitionGrain>(actor.PersonId).ConfirmChange(actor, changeId));
            })
            .WithSummary("Confirm a supporter's pending change to your recognition (you only, not a supporter); it then applies, naming them.");

        me.MapPost("/recognition/pending/{changeId:guid}/reject", async (Guid changeId, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return Etags.Ok(context, await grains.GetGrain<IRecognitionGrain>(actor.PersonId).RejectChange(actor, changeId));
            })
            .WithSummary("Reject a supporter's pending change to your recognition (or, as that supporter, withdraw it); nothing changes.");
    }

    private static void MapShared(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/organisations/{organisationId:guid}/people/{personId:guid}/contributions",
                async (Guid organisationId, Guid personId, IGrainFactory grains, Caller caller) =>
                    TypedResults.Ok(await grains.GetGrain<IRecognitionGrain>(personId).ForOrganisation(caller.Actor, organisationId)))
            .WithTags("Recognition")
            .RequireAuthorization()
            .WithSummary("A person's contributions in the organisation's projects, for its staff, while the person shares their profile with the organisation.")
            .WithDescription("Every refusal is 404, as for shared profiles.");

        app.MapGet("/api/networks/{networkId:guid}/people/{personId:guid}/contributions",
                async (Guid networkId, Guid personId, IGrainFactory grains, Caller caller) =>
                    TypedResults.Ok(await grains.GetGrain<IRecognitionGrain>(personId).ForNetwork(caller.Actor, networkId)))
            .WithTags("Recognition")
            .RequireAuthorization()
            .WithSummary("A person's contributions in the network's projects, for its coordinators, while the person shares their profile with the network.")
            .WithDescription("Every refusal is 404, as for shared profiles.");
    }

    private static void MapProject(RouteGroupBuilder project)
    {
        project.MapPost("/recognition/sessions", async (Guid projectId, SessionRequest request, IGrainFactory grains, Caller caller) =>
            {
                var session = await grains.GetGrain<IProjectRecognitionGrain>(projectId).RecordSession(caller.Actor, request.ToSpec());
                return TypedResults.Created($"/api/projects/{projectId}/recognition/sessions", session);
            })
            .WithIdempotency()
            .WithSummary("Record a session held, how long it lasted and who came (facilitators); it counts in each attendee's record.")
            .WithDescription("Attendees must take part in the project. Send Idempotency-Key to retry safely.");

        project.MapGet("/recognition/sessions", async (Guid projectId, int? offset, int? limit, IGrainFactory grains, Caller caller) =>
            {
                var page = PageRequest.From(offset, limit);
                return TypedResults.Ok(page.Apply(await grains.GetGrain<IProjectRecognitionGrain>(projectId).Sessions(caller.Actor)));
            })
            .WithSummary("The sessions recorded, newest first, a page at a time (facilitators).");

        project.MapGet("/credits", async (Guid projectId, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                context.Response.Headers.CacheControl = "no-store";
                return TypedResults.Ok(await grains.GetGrain<IProjectRecognitionGrain>(projectId).Credits(caller.Actor));
            })
            .WithSummary("The credits for the project's outputs: everyone who consented, by the name they chose. Anyone who can see the project.")
            .WithDescription("Read afresh every time: a withdrawn consent drops the name at once.");

        project.MapGet("/certificates/{personId:guid}", async (Guid projectId, Guid personId, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var certificate = await grains.GetGrain<IProjectRecognitionGrain>(projectId).Certificate(caller.Actor, personId);
                CertificatePage.SecureHeaders(context.Response);
                return TypedResults.Content(CertificatePage.Render(certificate), "text/html; charset=utf-8");
            })
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .WithSummary("A printable certificate of involvement (HTML), for the person and the project's facilitators, only while the person consents.")
            .WithDescription("Without the person's consent it is 404 for everyone else and 409 for the person, saying how to consent.");
    }

    /// <summary>200 with the ETag when the person changed their own choices; 202 when a supporter's change waits for them.</summary>
    private static IResult Changed(HttpContext context, Actor actor, Versioned<RecognitionChoices> choices) =>
        actor.IsActingWith() ? TypedResults.Accepted((string?)null, choices.Value) : Etags.Ok(context, choices);
}
