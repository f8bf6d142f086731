using CoProduce.Gateway.Auth;

namespace CoProduce.Gateway.Trail;

/// <summary>Traceability: from the agenda items a decision took up to its vote, outcome, actions, evidence and feedback.</summary>
public static class TrailApi
{
    /// <summary>Maps /api/projects/{projectId}/decisions/{decisionId}/trail; access is decided by the grains read.</summary>
    public static RouteGroupBuilder MapTrail(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects/{projectId:guid}/decisions/{decisionId:guid}").WithTags("Decisions").RequireAuthorization();

        group.MapGet("/trail", async (Guid projectId, Guid decisionId, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await DecisionTrailReader.Read(grains, caller.Actor, projectId, decisionId)))
            .WithSummary("A decision's trail: the agenda items it took up, its votes and result, outcome, delivery actions, surveys and published feedback with each answer. Anyone who can see the project.")
            .WithDescription("Each part is shown as its own view shows it to you: results stay hidden until close where so set, an anonymous decision names no voter, and draft feedback is left out.");

        return group;
    }
}
