using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Gateway.Projects;

/// <summary>
/// Pre-production: what can and cannot change, the organisation's commitment, the budget set with
/// contributors, and the access plan. A new budget line or access need is answered as created (201, Location);
/// every other write answers the project as it now is. Every answer carries the project's ETag.
/// </summary>
public static class PreProductionApi
{
    public static RouteGroupBuilder MapPreProduction(this RouteGroupBuilder group)
    {
        group.MapPut("/{projectId:guid}/pre-production", async (Guid projectId, UpdatePreProduction request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var expected = Etags.RequireIfMatch(context.Request);
                var text = new PreProductionText(
                    request.Aims,
                    new Scope(request.Scope.Negotiables, request.Scope.NonNegotiables),
                    request.Commitment,
                    request.GroundRules,
                    request.Recruitment);
                return Etags.Ok(context, await grains.GetGrain<IProjectGrain>(projectId).UpdatePreProduction(caller.Actor, text, expected));
            })
            .Produces<ProjectView>()
            .WithSummary("Replace the aims, scope (negotiables and non-negotiables), commitment, ground rules and recruitment notes. Facilitators only.")
            .WithDescription("If-Match is required (400 without it; 412 when someone else saved first: read again, then retry).");

        group.MapPost("/{projectId:guid}/budget-lines", async (Guid projectId, ProposeBudgetLine request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var project = await grains.GetGrain<IProjectGrain>(projectId)
                    .ProposeBudgetLine(caller.Actor, request.Description, request.Amount, request.Currency);

                // The grain adds the line last within the same turn, so the last line of its answer is this one.
                var line = project.Value.PreProduction.Budget[^1];
                context.Response.Headers.ETag = Etags.Format(project.Version);
                return TypedResults.Created($"/api/projects/{projectId}/budget-lines/{line.Id}", line);
            })
            .WithIdempotency()
            .WithSummary("Propose a budget line; answers the line (201, Location). Contributors and facilitators; observers watch (403).")
            .WithDescription("Amount above 0 in whole pence or cents; currency an ISO 4217 code in capitals (GBP). The ETag is the project's "
                + "after the change (If-Match for pre-production). Send Idempotency-Key to retry safely.");

        group.MapGet("/{projectId:guid}/budget-lines/{lineId:guid}", async (Guid projectId, Guid lineId, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var project = await grains.GetGrain<IProjectGrain>(projectId).Get(caller.Actor);
                var line = project.Value.PreProduction.Budget.FirstOrDefault(l => l.Id == lineId) ?? throw DomainException.NotFound("The budget line");
                context.Response.Headers.ETag = Etags.Format(project.Version);
                return TypedResults.Ok(line);
            })
            .WithSummary("One budget line, as the project shows it to you; the ETag is the project's.");

        group.MapPost("/{projectId:guid}/budget-lines/{lineId:guid}/agreement", async (Guid projectId, Guid lineId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await grains.GetGrain<IProjectGrain>(projectId).AgreeBudgetLine(caller.Actor, lineId)))
            .Produces<ProjectView>()
            .WithSummary("Agree to a budget line; you are added to its agreedBy. Contributors and facilitators; observers watch (403).")
            .WithDescription("Agreeing twice changes nothing. A supporter acting with a contributor agrees for them, and the record names the supporter.");

        group.MapPost("/{projectId:guid}/access-needs", async (Guid projectId, RecordAccessNeed request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var project = await grains.GetGrain<IProjectGrain>(projectId)
                    .RecordAccessNeed(caller.Actor, request.PersonId, request.Need);

                // The grain adds the need last within the same turn, and shows it to whoever may record it.
                var need = project.Value.PreProduction.AccessPlan[^1];
                context.Response.Headers.ETag = Etags.Format(project.Version);
                return TypedResults.Created($"/api/projects/{projectId}/access-needs/{need.Id}", need);
            })
            .WithIdempotency()
            .WithSummary("Record a participant's access need; answers the need (201, Location). The person themselves (or their supporter), or a facilitator.")
            .WithDescription("The ETag is the project's after the change. Send Idempotency-Key to retry safely.");

        group.MapGet("/{projectId:guid}/access-needs/{needId:guid}", async (Guid projectId, Guid needId, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var project = await grains.GetGrain<IProjectGrain>(projectId).Get(caller.Actor);
                var need = project.Value.PreProduction.AccessPlan.FirstOrDefault(n => n.Id == needId) ?? throw DomainException.NotFound("The access need");
                context.Response.Headers.ETag = Etags.Format(project.Version);
                return TypedResults.Ok(need);
            })
            .WithSummary("One access need: facilitators see everyone's, everyone else only their own (404 for others'). The ETag is the project's.");

        group.MapPut("/{projectId:guid}/access-needs/{needId:guid}", async (Guid projectId, Guid needId, UpdateAdjustment request, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await grains.GetGrain<IProjectGrain>(projectId)
                    .UpdateAdjustment(caller.Actor, needId, request.AdjustmentPromised, request.Met)))
            .Produces<ProjectView>()
            .WithSummary("Record the adjustment promised for an access need and whether it was met. Facilitators only.");

        return group;
    }
}
