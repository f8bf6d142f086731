using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Common;
using CoProduce.Grains.Evaluation;

namespace CoProduce.Gateway.Evaluation;

/// <summary>A project's measures of success: proposed with provenance, endorsed or objected to, agreed by the group.</summary>
public static class MeasuresApi
{
    /// <summary>Maps /api/projects/{projectId}/evaluation; roles are checked by the evaluation grain on every call.</summary>
    public static RouteGroupBuilder MapMeasures(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects/{projectId:guid}/evaluation").WithTags("Evaluation").RequireAuthorization();

        group.MapGet("/measures", async (Guid projectId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await Evaluation(grains, projectId).Get(caller.Actor)))
            .Produces<MeasuresView>()
            .WithSummary("The measures of success, who proposed them, who endorsed or objected, and the agreement. Anyone who can see the project.");

        group.MapPost("/measures", async (Guid projectId, MeasureRequest request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var measure = await Evaluation(grains, projectId).Propose(caller.Actor, request.ToText());
                context.Response.Headers.ETag = Etags.Format(measure.Version);
                return TypedResults.Created($"/api/projects/{projectId}/evaluation/measures/{measure.Id}", measure);
            })
            .WithIdempotency()
            .WithSummary("Propose a measure; who proposed it, in what role and with what lived experience is kept. Contributors and facilitators.")
            .WithDescription("A supporter acting with a contributor (CoProduce-Acting-With) is recorded as SupportedBy. Send Idempotency-Key to retry safely.");

        group.MapGet("/measures/{measureId:guid}", async (Guid projectId, Guid measureId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Measure(context, await Evaluation(grains, projectId).GetMeasure(caller.Actor, measureId)))
            .Produces<Measure>()
            .WithSummary("One measure; the ETag is the measure's version. Anyone who can see the project.");

        group.MapPut("/measures/{measureId:guid}", async (Guid projectId, Guid measureId, MeasureRequest request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var expected = Etags.RequireIfMatch(context.Request);
                var actor = caller.Actor;
                return Measure(context, await Evaluation(grains, projectId).Edit(actor, measureId, request.ToText(), expected));
            })
            .Produces<Measure>()
            .WithSummary("Edit a measure (its proposer or a facilitator) until the set is agreed. If-Match with the measure's ETag is required; a stale one is 412.")
            .WithDescription("Endorsements were given to the old words, so an edit clears them; the journal keeps them.");

        group.MapPost("/measures/{measureId:guid}/endorsement", async (Guid projectId, Guid measureId, EndorsementRequest request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return Measure(context, await Evaluation(grains, projectId).Endorse(actor, measureId, request.Endorses, request.Comment));
            })
            .Produces<Measure>()
            .WithSummary("Endorse or object to a measure, with an optional comment; your latest answer counts. Contributors and facilitators.");

        group.MapPost("/agree", async (Guid projectId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await Evaluation(grains, projectId).Agree(caller.Actor)))
            .Produces<MeasuresView>()
            .WithSummary("Mark the measures agreed (facilitators), recording who endorsed and who objected to each at that moment.");
        return group;
    }

    private static IEvaluationGrain Evaluation(IGrainFactory grains, Guid projectId) => grains.GetGrain<IEvaluationGrain>(projectId);

    /// <summary>A measure with its own version as the ETag, for the next If-Match.</summary>
    private static IResult Measure(HttpContext context, Measure measure) => Etags.Ok(context, new Versioned<Measure>(measure, measure.Version));
}
