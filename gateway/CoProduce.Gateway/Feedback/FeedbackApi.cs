using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Common;
using CoProduce.Grains.Feedback;
using CoProduce.Grains.Projects;

namespace CoProduce.Gateway.Feedback;

/// <summary>"You said, we did": feedback on closed decisions, sent to the people involved, who sign it off or challenge it.</summary>
public static class FeedbackApi
{
    /// <summary>Maps /api/projects/{projectId}/feedback and /api/me/feedback; roles are checked by the grains on every call.</summary>
    public static RouteGroupBuilder MapFeedback(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects/{projectId:guid}/feedback").WithTags("Feedback").RequireAuthorization();

        group.MapPost("/", async (Guid projectId, FeedbackRequest request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var id = Guid.NewGuid();
                var created = await Entry(grains, id).Create(caller.Actor, projectId, request.ToSpec());
                context.Response.Headers.ETag = Etags.Format(created.Version);
                return TypedResults.Created($"/api/projects/{projectId}/feedback/{id}", created.Value);
            })
            .WithIdempotency()
            .WithSummary("Draft feedback for a closed decision of the project, linking its delivery actions. Facilitators.")
            .WithDescription("A decision or action of another project is 400; an open decision is 409. Send Idempotency-Key to retry safely.");

        group.MapGet("/", async (Guid projectId, int? offset, int? limit, IGrainFactory grains, Caller caller) =>
            {
                var page = PageRequest.From(offset, limit);
                var overview = await grains.GetGrain<IProjectFeedbackGrain>(projectId).Overview(caller.Actor);
                return TypedResults.Ok(await Page(grains, overview, page));
            })
            .WithSummary("The project's feedback, newest first, with the closed decisions overdue for feedback. Anyone who can see the project.")
            .WithDescription("Drafts are listed for facilitators only. overdue lists decisions closed more than overdueAfterDays ago (the organisation's setting, PUT /api/organisations/{id}/settings) without a published entry.");

        group.MapGet("/{feedbackId:guid}", async (Guid projectId, Guid feedbackId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await Entry(grains, feedbackId).Get(caller.Actor, projectId)))
            .Produces<FeedbackView>()
            .WithSummary("A feedback entry with whom it is addressed to and their answers. Published: anyone who can see the project; drafts: facilitators.");

        group.MapPost("/{feedbackId:guid}/publish", async (Guid projectId, Guid feedbackId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await Entry(grains, feedbackId).Publish(caller.Actor, projectId)))
            .Produces<FeedbackView>()
            .WithSummary("Publish the entry to the decision's voters (every contributor when the vote was anonymous) and the proposers of the agenda items it took up. Facilitators.");

        group.MapPost("/{feedbackId:guid}/response", async (Guid projectId, Guid feedbackId, FeedbackResponseRequest request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return Etags.Ok(context, await Entry(grains, feedbackId).Respond(actor, projectId, request.SignOff, request.Comment));
            })
            .Produces<FeedbackView>()
            .WithSummary("Sign the entry off or challenge it with a comment. Only the people it is addressed to (403 for others).");

        app.MapGet("/api/me/feedback", async (int? offset, int? limit, IGrainFactory grains, Caller caller) =>
            {
                var page = PageRequest.From(offset, limit);
                var actor = caller.Actor;
                var addresses = page.Apply(await Visible(grains, actor, await grains.GetGrain<IPersonFeedbackGrain>(actor.PersonId).List()));
                var entries = await Task.WhenAll(addresses.Items.Select(a => Entry(grains, a.FeedbackId).Peek()));
                List<FeedbackView> mine = [.. entries.OfType<FeedbackView>().Where(e => e.Addressees.Contains(actor.PersonId))];
                return TypedResults.Ok(new Page<FeedbackView>(mine, addresses.Offset, addresses.Limit, addresses.Total));
            })
            .WithTags("Feedback")
            .RequireAuthorization()
            .WithSummary("Feedback addressed to you, newest first, a page at a time, from the projects you can see now.")
            .WithDescription("Entries of a project you can no longer see (taken off its organisation's staff, say) are left out and not counted in total.");

        return group;
    }

    private static async Task<FeedbackPage> Page(IGrainFactory grains, FeedbackOverview overview, PageRequest page)
    {
        var ids = page.Apply(overview.Ids);
        var entries = await Task.WhenAll(ids.Items.Select(id => Entry(grains, id).Peek()));
        return new FeedbackPage([.. entries.OfType<FeedbackView>()], ids.Offset, ids.Limit, ids.Total, overview.Overdue, overview.OverdueAfterDays);
    }

    /// <summary>
    /// The addresses in projects the person can see now: being addressed once does not outlast access to
    /// the project. Access is asked once per project, before paging, so total counts only what is shown.
    /// </summary>
    private static async Task<IReadOnlyList<FeedbackAddress>> Visible(IGrainFactory grains, Actor actor, IReadOnlyList<FeedbackAddress> addresses)
    {
        var projects = addresses.Select(a => a.ProjectId).Distinct().ToList();
        var access = await Task.WhenAll(projects.Select(p => grains.GetGrain<IProjectGrain>(p).AccessOf(actor)));
        var visible = projects.Where((_, i) => access[i].CanSee).ToHashSet();
        return [.. addresses.Where(a => visible.Contains(a.ProjectId))];
    }

    private static IFeedbackGrain Entry(IGrainFactory grains, Guid feedbackId) => grains.GetGrain<IFeedbackGrain>(feedbackId);
}
