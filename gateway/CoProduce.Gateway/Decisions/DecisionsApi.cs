using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Decisions;
using CoProduce.Grains.Projects;

namespace CoProduce.Gateway.Decisions;

/// <summary>A project's decisions: proposals with a method and options, votes until close, results, dissent and the outcome.</summary>
public static class DecisionsApi
{
    /// <summary>Maps /api/projects/{projectId}/decisions; roles are checked by the decision grains on every call.</summary>
    public static RouteGroupBuilder MapDecisions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects/{projectId:guid}/decisions").WithTags("Decisions").RequireAuthorization();

        group.MapPost("/", async (Guid projectId, DecisionRequest request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var id = Guid.NewGuid();
                var created = await grains.GetGrain<IDecisionGrain>(id).Create(caller.Actor, projectId, request.ToSpec());
                context.Response.Headers.ETag = Etags.Format(created.Version);
                return TypedResults.Created($"/api/projects/{projectId}/decisions/{id}", created.Value);
            })
            .WithIdempotency()
            .WithSummary("Put a proposal to the project with a decision method, options, closing time, quorum and privacy settings. Facilitators.")
            .WithDescription("Voting closes by itself at closesAt, even across restarts. agendaItemIds names the agenda items it takes up: an id not on the project's agenda, or named twice, is 400; a withdrawn item is 409. Send Idempotency-Key to retry safely.");

        group.MapGet("/", async (Guid projectId, int? offset, int? limit, IGrainFactory grains, Caller caller) =>
            {
                var page = PageRequest.From(offset, limit);
                var ids = page.Apply(await grains.ProjectList(projectId, ProjectListKind.Decisions).List(caller.Actor));
                var summaries = await Task.WhenAll(ids.Items.Select(id => grains.GetGrain<IDecisionGrain>(id).Summary()));
                return TypedResults.Ok(new Page<DecisionSummary>([.. summaries.OfType<DecisionSummary>()], ids.Offset, ids.Limit, ids.Total));
            })
            .WithSummary("The project's decisions, newest first, a page at a time. Anyone who can see the project.");

        group.MapGet("/{decisionId:guid}", async (Guid projectId, Guid decisionId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await Decision(grains, decisionId).Get(caller.Actor, projectId)))
            .Produces<DecisionView>()
            .WithSummary("A decision with its results (unless hidden until close), dissent, quorum and outcome. Anyone who can see the project.")
            .WithDescription("In an anonymous decision only counts are shown, and dissent without names; while it is open neither results nor the number of voters are shown (voters reads 0): they appear at close.");

        MapBallot(group);
        MapClosing(group);
        return group;
    }

    private static void MapBallot(RouteGroupBuilder group)
    {
        group.MapPut("/{decisionId:guid}/ballot", async (Guid projectId, Guid decisionId, BallotRequest request, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await Decision(grains, decisionId).Vote(caller.Actor, projectId, request.ToBallot())))
            .WithSummary("Cast or change your vote until the decision closes. Contributors and facilitators; observers 403.")
            .WithDescription("A vote after close is 409; an option that is not the decision's, or a block without a reason, is 400.");

        group.MapGet("/{decisionId:guid}/ballot", async (Guid projectId, Guid decisionId, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await Decision(grains, decisionId).Mine(caller.Actor, projectId)))
            .WithSummary("Your own vote, if you have cast one.");
    }

    private static void MapClosing(RouteGroupBuilder group)
    {
        group.MapPost("/{decisionId:guid}/close", async (Guid projectId, Guid decisionId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await Decision(grains, decisionId).Close(caller.Actor, projectId)))
            .Produces<DecisionView>()
            .WithSummary("Close voting now and fix the results (facilitators).");

        group.MapPost("/{decisionId:guid}/outcome", async (Guid projectId, Guid decisionId, OutcomeRequest request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return Etags.Ok(context, await Decision(grains, decisionId).RecordOutcome(actor, projectId, request.Statement, request.ReviewDate));
            })
            .Produces<DecisionView>()
            .WithSummary("Record the outcome statement and review date (facilitators), closing the decision if it is still open.")
            .WithDescription("The review date comes back as a reminder: the decision then shows reviewDueAt.");
    }

    private static IDecisionGrain Decision(IGrainFactory grains, Guid decisionId) => grains.GetGrain<IDecisionGrain>(decisionId);
}
