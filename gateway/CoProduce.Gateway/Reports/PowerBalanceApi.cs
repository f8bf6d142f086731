using CoProduce.Gateway.Auth;
using CoProduce.Grains.Reports;

namespace CoProduce.Gateway.Reports;

/// <summary>
/// The power-balance report of a project or a network, as JSON, CSV or an SVG chart of the trends, and
/// the project's self-assessment on the ladder of co-production. Roles are checked by the grains.
/// </summary>
public static class PowerBalanceApi
{
    /// <summary>Maps /api/projects/{projectId}/power-balance[.csv|.svg], /api/networks/{networkId}/power-balance[.csv|.svg] and /api/projects/{projectId}/self-assessment.</summary>
    public static RouteGroupBuilder MapPowerBalance(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Power balance").RequireAuthorization();
        MapReport(group, "/projects/{projectId:guid}/power-balance", "project", "Anyone who can see the project.",
            async (context, grains, caller) => await grains.GetGrain<IProjectPowerBalanceGrain>(RouteId(context, "projectId")).Report(caller.Actor));
        MapReport(group, "/networks/{networkId:guid}/power-balance", "network's projects added together", "The network's coordinators and its member organisations' staff.",
            async (context, grains, caller) => await grains.GetGrain<INetworkPowerBalanceGrain>(RouteId(context, "networkId")).Report(caller.Actor));

        group.MapGet("/projects/{projectId:guid}/self-assessment", async (Guid projectId, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await grains.GetGrain<ISelfAssessmentGrain>(projectId).Get(caller.Actor)))
            .WithSummary("Where the project stands on the ladder of co-production, and every rating before, newest first. Anyone who can see the project.");

        group.MapPut("/projects/{projectId:guid}/self-assessment", async (Guid projectId, SelfAssessmentRequest request, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await grains.GetGrain<ISelfAssessmentGrain>(projectId).Record(caller.Actor, request.Level, request.Note)))
            .WithSummary("Rate where the project stands now on the ladder of co-production. Contributors and facilitators; observers and other staff 403.")
            .WithDescription("Earlier ratings are kept as history; sending the same rating again records it once.");
        return group;
    }

    private static void MapReport(RouteGroupBuilder group, string path, string what, string who, Func<HttpContext, IGrainFactory, Caller, Task<PowerBalanceReport>> report)
    {
        group.MapGet(path, async (HttpContext context, IGrainFactory grains, Caller caller) => TypedResults.Ok(await report(context, grains, caller)))
            .WithSummary($"The power-balance report of the {what}: overall and by month. {who}");

        group.MapGet($"{path}.csv", async (HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var built = await report(context, grains, caller);
                return TypedResults.File(PowerBalanceCsv.Write(built), "text/csv; charset=utf-8", $"power-balance-{built.Id}.csv");
            })
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary($"The power-balance report of the {what} as CSV: one row per measure and month, and one for all time. {who}");

        group.MapGet($"{path}.svg", async (HttpContext context, IGrainFactory grains, Caller caller) =>
                TypedResults.Text(PowerBalanceSvg.Write(await report(context, grains, caller)), "image/svg+xml; charset=utf-8"))
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml")
            .WithSummary($"The trends of the {what}'s power-balance report as an accessible SVG chart, one line per measure by month. {who}");
    }

    private static Guid RouteId(HttpContext context, string name) => Guid.Parse((string)context.GetRouteValue(name)!);
}
