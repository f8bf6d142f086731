using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Delivery;
using CoProduce.Grains.Projects;

namespace CoProduce.Gateway.Delivery;

/// <summary>A project's delivery: actions that follow from its decisions, with an owner, a due date and a status.</summary>
public static class DeliveryApi
{
    /// <summary>Maps /api/projects/{projectId}/actions; roles are checked by the action grains on every call.</summary>
    public static RouteGroupBuilder MapDelivery(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects/{projectId:guid}/actions").WithTags("Delivery").RequireAuthorization();

        group.MapPost("/", async (Guid projectId, ActionRequest request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var id = Guid.NewGuid();
                var created = await Action(grains, id).Create(caller.Actor, projectId, request.ToSpec());
                context.Response.Headers.ETag = Etags.Format(created.Version);
                return TypedResults.Created($"/api/projects/{projectId}/actions/{id}", created.Value);
            })
            .WithIdempotency()
            .WithSummary("Add an action serving one or more of the project's decisions, with an owner and a due date. Facilitators.")
            .WithDescription("A decision of another project is 400. Send Idempotency-Key to retry safely.");

        group.MapGet("/", async (Guid projectId, int? offset, int? limit, IGrainFactory grains, Caller caller) =>
            {
                var page = PageRequest.From(offset, limit);
                var ids = page.Apply(await grains.ProjectList(projectId, ProjectListKind.Actions).List(caller.Actor));
                var actions = await Task.WhenAll(ids.Items.Select(id => Action(grains, id).Peek()));
                return TypedResults.Ok(new Page<DeliveryActionView>([.. actions.OfType<DeliveryActionView>()], ids.Offset, ids.Limit, ids.Total));
            })
            .WithSummary("The project's actions, newest first, a page at a time. Anyone who can see the project.");

        group.MapGet("/{actionId:guid}", async (Guid projectId, Guid actionId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await Action(grains, actionId).Get(caller.Actor, projectId)))
            .Produces<DeliveryActionView>()
            .WithSummary("An action with its status history. Anyone who can see the project.");

        group.MapPut("/{actionId:guid}", async (Guid projectId, Guid actionId, ActionRequest request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var expected = Etags.RequireIfMatch(context.Request);
                var actor = caller.Actor;
                return Etags.Ok(context, await Action(grains, actionId).Update(actor, projectId, request.ToSpec(), expected));
            })
            .Produces<DeliveryActionView>()
            .WithSummary("Replace the action's title, description, owner, due date and decisions. Facilitators; If-Match required (412 when stale).");

        group.MapPost("/{actionId:guid}/status", async (Guid projectId, Guid actionId, ActionStatusRequest request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return Etags.Ok(context, await Action(grains, actionId).SetStatus(actor, projectId, request.Status, request.Reason));
            })
            .Produces<DeliveryActionView>()
            .WithSummary("Move the action to Planned, InProgress, Done or Dropped. Its owner or facilitators; dropping needs a reason.");

        return group;
    }

    private static IDeliveryActionGrain Action(IGrainFactory grains, Guid actionId) => grains.GetGrain<IDeliveryActionGrain>(actionId);
}
