using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Common;
using CoProduce.Grains.People;
using CoProduce.Grains.Projects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CoProduce.Gateway.Projects;

/// <summary>
/// Projects: starting one, finding yours, reading one, its participants and its stage. Pre-production
/// (aims, scope, budget, access plan) is in <see cref="PreProductionApi"/>.
/// </summary>
public static class ProjectsApi
{
    public static RouteGroupBuilder MapProjects(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects").WithTags("Projects").RequireAuthorization();

        group.MapPost("/", async (CreateProject request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                var id = Guid.NewGuid();
                var created = await grains.GetGrain<IProjectGrain>(id).Create(actor, request.OrganisationId, request.NetworkId, request.Name, request.Summary);

                // A new project is at version 1.
                context.Response.Headers.ETag = Etags.Format(1);
                return TypedResults.Created($"/api/projects/{id}", created);
            })
            .WithIdempotency()
            .WithSummary("Start a project in pre-production; you become its first facilitator.")
            .WithDescription("Organisation admins and facilitators only (finance staff 403; anyone outside the organisation 404). "
                + "Send Idempotency-Key to retry safely.");

        group.MapGet("/", async (int? offset, int? limit, IGrainFactory grains, Caller caller) =>
            {
                var page = PageRequest.From(offset, limit);
                var actor = caller.Actor;
                var own = await grains.GetGrain<IPersonGrain>(actor.PersonId).GetOwn(actor);
                var ids = page.Apply(own.Value.Projects);
                var summaries = await Task.WhenAll(ids.Items.Select(id => SummaryOrNull(grains.GetGrain<IProjectGrain>(id), actor)));
                return TypedResults.Ok(new Page<ProjectSummary>([.. summaries.OfType<ProjectSummary>()], ids.Offset, ids.Limit, ids.Total));
            })
            .WithSummary("The projects you take part in, a page at a time, in the order you joined them.")
            .WithDescription("A supporter sending CoProduce-Acting-With sees the projects of the person they support.");

        group.MapGet("/{projectId:guid}", async (Guid projectId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await grains.GetGrain<IProjectGrain>(projectId).Get(caller.Actor)))
            .Produces<ProjectView>()
            .WithSummary("A project: stage and its history, participants and pre-production.")
            .WithDescription("Participants and staff of the project's organisation; 404 for anyone else. "
                + "The access plan shows everyone's needs to facilitators and only your own to anyone else.");

        group.MapPut("/{projectId:guid}/participants/{personId:guid}",
                async (Guid projectId, Guid personId, SetParticipantRole request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                var project = grains.GetGrain<IProjectGrain>(projectId);
                if (await project.RoleOf(personId) is null)
                {
                    // Nobody is added by someone else: they are asked, and join only by accepting.
                    var asked = await project.RequestParticipation(actor, personId, request.Role);
                    return (IResult)TypedResults.Accepted($"/api/me/participation-requests/{projectId}", asked);
                }

                await project.SetParticipant(actor, personId, request.Role);

                // SetParticipant answers without a version; read back so the body and its ETag belong together.
                return Etags.Ok(context, await project.Get(actor));
            })
            .Produces<ProjectView>()
            .Produces<ParticipationRequest>(StatusCodes.Status202Accepted)
            .WithSummary("Ask someone to take part (202: they accept or decline), or change a participant's role (200). Facilitators only.")
            .WithDescription("Project facilitators, and the organisation's admins and facilitators. Someone not yet taking part is sent a request "
                + "they see under GET /api/me/participation-requests, naming the organisation and what the project will see; nothing of theirs "
                + "is read into the project until they accept. A project keeps at least one facilitator.");

        group.MapDelete("/{projectId:guid}/participants/{personId:guid}",
                async Task<NoContent> (Guid projectId, Guid personId, IGrainFactory grains, Caller caller) =>
            {
                await grains.GetGrain<IProjectGrain>(projectId).RemoveParticipant(caller.Actor, personId);
                return TypedResults.NoContent();
            })
            .WithSummary("Remove a participant (facilitators), or leave the project yourself.")
            .WithDescription("Project facilitators and the organisation's admins and facilitators remove anyone; any participant may remove "
                + "themselves (a supporter may, acting with them). 404 when the person is not a participant (or you cannot see the project), "
                + "403 for anyone else, 409 for the project's last facilitator (make someone else a facilitator first) and in a closed project. "
                + "What the person did in the project stays; they leave its live session at once.");

        group.MapPost("/{projectId:guid}/stage", async (Guid projectId, ChangeStage request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var expected = Etags.IfMatch(context.Request);
                var project = grains.GetGrain<IProjectGrain>(projectId);
                return Etags.Ok(context, await project.ChangeStage(caller.Actor, request.Stage, request.Reason, expected));
            })
            .Produces<ProjectView>()
            .WithSummary("Move the project to the next stage, back to any earlier one, or to Closed, saying why. Facilitators only.")
            .WithDescription("Who moved it and why is kept in stageHistory. Nothing leaves Closed. If-Match is optional and honoured (412 when stale).");

        group.MapPreProduction();
        app.MapParticipation();
        return group;
    }

    /// <summary>The caller's summary of one project, or null if they can no longer see it.</summary>
    private static async Task<ProjectSummary?> SummaryOrNull(IProjectGrain project, Actor actor)
    {
        try
        {
            var view = (await project.Get(actor)).Value;
            var role = view.Participants.FirstOrDefault(p => p.PersonId == actor.PersonId)?.Role;
            return new ProjectSummary(view.Id, view.Name, view.Summary, view.OrganisationId, view.NetworkId, view.Stage, role);
        }
        catch (DomainException refused) when (refused.Kind == DomainErrorKind.NotFound)
        {
            return null;
        }
    }
}
