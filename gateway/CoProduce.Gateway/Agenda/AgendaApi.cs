using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Agenda;
using CoProduce.Grains.Common;

namespace CoProduce.Gateway.Agenda;

/// <summary>A project's agenda: items proposed with provenance, ranked by the group, agreed not imposed.</summary>
public static class AgendaApi
{
    /// <summary>Maps /api/projects/{projectId}/agenda; roles are checked by the agenda grain on every call.</summary>
    public static RouteGroupBuilder MapAgenda(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects/{projectId:guid}/agenda").WithTags("Agenda").RequireAuthorization();

        group.MapGet("/", async (Guid projectId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await Agenda(grains, projectId).Get(caller.Actor)))
            .Produces<AgendaView>()
            .WithSummary("The agenda: items and who proposed them, the order (provisional while ranking is open) and who agreed or objected.")
            .WithDescription("Anyone who can see the project. The ETag is the agenda's version.");

        MapItems(group);
        MapRanking(group);
        MapAgreement(group);
        return group;
    }

    private static void MapItems(RouteGroupBuilder group)
    {
        group.MapPost("/items", async (Guid projectId, ItemText request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var item = await Agenda(grains, projectId).Propose(caller.Actor, request.Title, request.Description, request.EasyReadSummary);
                context.Response.Headers.ETag = Etags.Format(item.Version);
                return TypedResults.Created($"/api/projects/{projectId}/agenda/items/{item.Id}", item);
            })
            .WithIdempotency()
            .WithSummary("Propose an item; who proposed it, in what role and with what lived experience is kept. Contributors and facilitators.")
            .WithDescription("A supporter acting with a contributor (CoProduce-Acting-With) is recorded as SupportedBy. Send Idempotency-Key to retry safely.");

        group.MapGet("/items/{itemId:guid}", async (Guid projectId, Guid itemId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Item(context, await Agenda(grains, projectId).GetItem(caller.Actor, itemId)))
            .Produces<AgendaItem>()
            .WithSummary("One item, withdrawn or not; the ETag is the item's version. Anyone who can see the project.");

        group.MapPut("/items/{itemId:guid}", async (Guid projectId, Guid itemId, ItemText request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var expected = Etags.RequireIfMatch(context.Request);
                var actor = caller.Actor;
                return Item(context, await Agenda(grains, projectId)
                    .Edit(actor, itemId, request.Title, request.Description, request.EasyReadSummary, expected));
            })
            .Produces<AgendaItem>()
            .WithSummary("Edit an item (its proposer or a facilitator). If-Match with the item's ETag is required; a stale one is 412.");

        group.MapDelete("/items/{itemId:guid}", async (Guid projectId, Guid itemId, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var expected = Etags.RequireIfMatch(context.Request);
                var actor = caller.Actor;
                return Item(context, await Agenda(grains, projectId).Withdraw(actor, itemId, expected));
            })
            .Produces<AgendaItem>()
            .WithSummary("Withdraw an item (its proposer or a facilitator); it stays on record. If-Match with the item's ETag is required.");
    }

    private static void MapRanking(RouteGroupBuilder group)
    {
        group.MapPost("/ranking", async (Guid projectId, RankingSettings request, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await Agenda(grains, projectId).OpenRanking(caller.Actor, request.Method, request.DotsPerPerson ?? 0)))
            .Produces<AgendaView>()
            .WithSummary("Open ranking by DotVote (with 1-50 dots each) or RankedChoice. Facilitators; after a ranked or agreed agenda this starts over.");

        group.MapPut("/ranking/mine/dots", async (Guid projectId, DotAllocation request, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await Agenda(grains, projectId).PlaceDots(caller.Actor, request.Dots)))
            .WithSummary("Replace your dots (dot vote): item id to count, adding up to at most the dots each. Contributors and facilitators, until ranking closes.");

        group.MapPut("/ranking/mine/order", async (Guid projectId, ItemOrder request, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await Agenda(grains, projectId).SubmitRanking(caller.Actor, request.Order)))
            .WithSummary("Replace your order (ranked choice): item ids, first choice first; you need not rank them all. Contributors and facilitators, until ranking closes.");

        group.MapGet("/ranking/mine", async (Guid projectId, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await Agenda(grains, projectId).Mine(caller.Actor)))
            .WithSummary("Your dots or your order in the current ranking.");

        group.MapPost("/ranking/close", async (Guid projectId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await Agenda(grains, projectId).CloseRanking(caller.Actor)))
            .Produces<AgendaView>()
            .WithSummary("Close ranking and fix the ordered agenda (facilitators); it then awaits the group's agreement.");
    }

    private static void MapAgreement(RouteGroupBuilder group)
    {
        group.MapPost("/agreement", async (Guid projectId, AgreementAnswer request, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await Agenda(grains, projectId).RecordAgreement(caller.Actor, request.Agrees, request.Comment)))
            .Produces<AgendaView>()
            .WithSummary("Say whether you agree to the ranked agenda, with an optional comment; your latest answer counts. Contributors and facilitators.");

        group.MapPost("/agree", async (Guid projectId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await Agenda(grains, projectId).Agree(caller.Actor)))
            .Produces<AgendaView>()
            .WithSummary("Confirm the agenda as agreed (facilitators), keeping who agreed and who objected.");
    }

    private static IAgendaGrain Agenda(IGrainFactory grains, Guid projectId) => grains.GetGrain<IAgendaGrain>(projectId);

    /// <summary>An item with its own version as the ETag, for the next If-Match.</summary>
    private static IResult Item(HttpContext context, AgendaItem item) => Etags.Ok(context, new Versioned<AgendaItem>(item, item.Version));
}
