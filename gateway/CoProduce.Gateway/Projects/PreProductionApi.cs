using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Projects;

namespace CoProduce.Gateway.Projects;

/// <summary>
/// Pre-production: what can and cannot change, the organisation's commitment, the budget set with
/// contributors, and the access plan. Every write answers the project as it now is, with its ETag.
/// </summary>
public static class PreProductionApi
{
    public static RouteGroupBuilder MapPreProduction(this RouteGroupBuilder group)
    {
        group.MapPut("/{projectId:guid}/pre-production", async (Guid projectId, UpdatePreProduction request, HttpContext context, IGrainFactory grains) =>
            {
                var expected = Etags.RequireIfMatch(context.Request);
                var text = new PreProductionText(
                    request.Aims,
                    new Scope(request.Scope.Negotiables, request.Scope.NonNegotiables),
                    request.Commitment,
                    request.GroundRules,
                    request.Recruitment);
                return Etags.Ok(context, await grains.GetGrain<IProjectGrain>(projectId).UpdatePreProduction(await context.ActorAsync(), text, expected));
            })
            .Produces<ProjectView>()
            .WithSummary("Replace the aims, scope (negotiables and non-negotiables), commitment, ground rules and recruitment notes. Facilitators only.")
            .WithDescription("If-Match is required (400 without it; 412 when someone else saved first: read again, then retry).");

        group.MapPost("/{projectId:guid}/budget-lines", async (Guid projectId, ProposeBudgetLine request, HttpContext context, IGrainFactory grains) =>
                Etags.Ok(context, await grains.GetGrain<IProjectGrain>(projectId)
                    .ProposeBudgetLine(await context.ActorAsync(), request.Description, request.Amount, request.Currency)))
            .WithIdempotency()
            .Produces<ProjectView>()
            .WithSummary("Propose a budget line. Contributors and facilitators; observers watch (403).")
            .WithDescription("The new line is the last of preProduction.budget in the answer. Amount above 0 in whole pence or cents; "
                + "currency an ISO 4217 code in capitals (GBP). Send Idempotency-Key to retry safely.");

        group.MapPost("/{projectId:guid}/budget-lines/{lineId:guid}/agreement", async (Guid projectId, Guid lineId, HttpContext context, IGrainFactory grains) =>
                Etags.Ok(context, await grains.GetGrain<IProjectGrain>(projectId).AgreeBudgetLine(await context.ActorAsync(), lineId)))
            .Produces<ProjectView>()
            .WithSummary("Agree to a budget line; you are added to its agreedBy. Contributors and facilitators; observers watch (403).")
            .WithDescription("Agreeing twice changes nothing. A supporter acting with a contributor agrees for them, and the record names the supporter.");

        group.MapPost("/{projectId:guid}/access-needs", async (Guid projectId, RecordAccessNeed request, HttpContext context, IGrainFactory grains) =>
                Etags.Ok(context, await grains.GetGrain<IProjectGrain>(projectId)
                    .RecordAccessNeed(await context.ActorAsync(), request.PersonId, request.Need)))
            .WithIdempotency()
            .Produces<ProjectView>()
            .WithSummary("Record a participant's access need. The person themselves (or their supporter), or a facilitator.")
            .WithDescription("The new need is the last of preProduction.accessPlan in the answer. Send Idempotency-Key to retry safely.");

        group.MapPut("/{projectId:guid}/access-needs/{needId:guid}", async (Guid projectId, Guid needId, UpdateAdjustment request, HttpContext context, IGrainFactory grains) =>
                Etags.Ok(context, await grains.GetGrain<IProjectGrain>(projectId)
                    .UpdateAdjustment(await context.ActorAsync(), needId, request.AdjustmentPromised, request.Met)))
            .Produces<ProjectView>()
            .WithSummary("Record the adjustment promised for an access need and whether it was met. Facilitators only.");

        return group;
    }
}
