using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Evaluation;
using CoProduce.Grains.Projects;

namespace CoProduce.Gateway.Evaluation;

/// <summary>A project's surveys: questions put by facilitators, responses (anonymous if chosen), and counted results.</summary>
public static class SurveysApi
{
    /// <summary>Maps /api/projects/{projectId}/surveys; roles are checked by the survey grains on every call.</summary>
    public static RouteGroupBuilder MapSurveys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects/{projectId:guid}/surveys").WithTags("Evaluation").RequireAuthorization();

        group.MapPost("/", async (Guid projectId, SurveyRequest request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var id = Guid.NewGuid();
                var created = await Survey(grains, id).Create(caller.Actor, projectId, request.ToSpec());
                context.Response.Headers.ETag = Etags.Format(created.Version);
                return TypedResults.Created($"/api/projects/{projectId}/surveys/{id}", created.Value);
            })
            .WithIdempotency()
            .WithSummary("Create a survey, open for responses, optionally anonymous and linked to decisions and actions. Facilitators.")
            .WithDescription("Send Idempotency-Key to retry safely. Decision ids must be decisions of this project (400 otherwise).");

        group.MapGet("/", async (Guid projectId, int? offset, int? limit, IGrainFactory grains, Caller caller) =>
            {
                var page = PageRequest.From(offset, limit);
                var ids = page.Apply(await grains.ProjectList(projectId, ProjectListKind.Surveys).List(caller.Actor));
                var summaries = await Task.WhenAll(ids.Items.Select(id => Survey(grains, id).Summary()));
                return TypedResults.Ok(new Page<SurveySummary>([.. summaries.OfType<SurveySummary>()], ids.Offset, ids.Limit, ids.Total));
            })
            .WithSummary("The project's surveys, newest first, a page at a time. Anyone who can see the project.");

        group.MapGet("/{surveyId:guid}", async (Guid projectId, Guid surveyId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await Survey(grains, surveyId).Get(caller.Actor, projectId)))
            .Produces<SurveyView>()
            .WithSummary("A survey with its questions; results for facilitators at any time and for everyone once closed.")
            .WithDescription("In an anonymous survey free-text answers are shown without names, and while it is open nobody (facilitators included) sees results or the number of respondents: they appear at close.");

        group.MapPost("/{surveyId:guid}/close", async (Guid projectId, Guid surveyId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await Survey(grains, surveyId).Close(caller.Actor, projectId)))
            .Produces<SurveyView>()
            .WithSummary("Close the survey (facilitators); its results are then shown to everyone in the project.");

        group.MapPut("/{surveyId:guid}/response", async (Guid projectId, Guid surveyId, SurveyResponseRequest request, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await Survey(grains, surveyId).Respond(caller.Actor, projectId, request.ToAnswers())))
            .WithSummary("Give or replace your response while the survey is open. Contributors and facilitators; observers 403.")
            .WithDescription("A scale answer out of range, an option not of the question, or a required question left out is 400; after close 409.");

        group.MapGet("/{surveyId:guid}/response", async (Guid projectId, Guid surveyId, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await Survey(grains, surveyId).Mine(caller.Actor, projectId)))
            .WithSummary("Your own response, if you have given one.");
        return group;
    }

    private static ISurveyGrain Survey(IGrainFactory grains, Guid surveyId) => grains.GetGrain<ISurveyGrain>(surveyId);
}
