using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Common;
using CoProduce.Grains.Live;
using CoProduce.Grains.Payments;
using CoProduce.Grains.Projects;

namespace CoProduce.Gateway.Live;

/// <summary>
/// Sessions of a project's live hub: a facilitator opens one and closes it, and everyone's time present in between is
/// kept, to be paid as draft claims the contributors confirm.
/// </summary>
public static class LiveSessionsApi
{
    public static RouteGroupBuilder MapLiveSessions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects/{projectId:guid}/live/sessions").WithTags("Live").RequireAuthorization();

        group.MapPost("/", async (Guid projectId, IGrainFactory grains, Caller caller) =>
            {
                var actor = await Facilitator(grains, projectId, caller.Actor);
                var session = await grains.GetGrain<IProjectLiveGrain>(projectId).OpenSession(Guid.NewGuid(), actor.PersonId);
                return TypedResults.Created($"/api/projects/{projectId}/live/sessions/{session.Id}", session);
            })
            .WithSummary("Open a session (facilitators): from now until it closes, everyone's time present in the live hub is recorded for payment.")
            .WithDescription("One session at a time: 409 while another is open. Everyone in the hub sees sessionOpened and sessionClosed.");

        group.MapGet("/{sessionId:guid}", async (Guid projectId, Guid sessionId, IGrainFactory grains, Caller caller) =>
            {
                await Facilitator(grains, projectId, caller.Actor);
                var closed = await grains.GetGrain<ILiveSessionGrain>(sessionId).Get();
                if (closed is not null && closed.ProjectId == projectId)
                {
                    return TypedResults.Ok(closed);
                }

                var open = await grains.GetGrain<IProjectLiveGrain>(projectId).OpenSessionNow();
                return open?.Id == sessionId ? TypedResults.Ok(open) : throw DomainException.NotFound("The session");
            })
            .WithSummary("A session with each person's time present (so far, while it is open). Facilitators.");

        group.MapPost("/{sessionId:guid}/close", async (Guid projectId, Guid sessionId, CloseSessionRequest? request, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await grains.GetGrain<ILiveSessionGrain>(sessionId).Close(caller.Actor, projectId, request?.Claims?.ToSpec())))
            .WithSummary("Close the session (facilitators); with claims, every contributor present gets a draft claim for their time at once.")
            .WithDescription("A session closed already is 409. A close sent again after one that failed part way finishes it and makes only the claims still missing.");

        group.MapPost("/{sessionId:guid}/claims", async (Guid projectId, Guid sessionId, AttendanceClaimsRequest request, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                var made = await grains.GetGrain<IProjectPaymentsGrain>(projectId).ClaimAttendance(actor, sessionId, request.ToSpec());
                return TypedResults.Created($"/api/projects/{projectId}/claims", made);
            })
            .WithSummary("Turn a closed session's attendance into draft claims (facilitators): one per contributor present, for their time, at the rate card's rate.")
            .WithDescription("Never twice for one session and person: a named person who has one already is 409, and so is a session whose contributors all have one. "
                + "A person who was not present as a contributor is 400; a session of another project is 404. A refused request makes no claim.");

        return group;
    }

    /// <summary>The project's access gate, with this endpoint's refusal (404 to outsiders, 403 to anyone but a facilitator).</summary>
    private static async Task<Actor> Facilitator(IGrainFactory grains, Guid projectId, Actor actor)
    {
        await grains.EnsureCanFacilitate(actor, projectId, "Only the project's facilitators open and close sessions.");
        return actor;
    }
}

/// <summary>How a session's attendance is paid: the role and activity on the rate card, and for whom.</summary>
/// <param name="Role">The role on the rate card, such as "Expert by experience".</param>
/// <param name="Activity">The activity on the rate card, such as "Meeting".</param>
/// <param name="Payer">Organisation (the project's, the default) or Network (when the project is run in one).</param>
/// <param name="People">The contributors to make claims for; every contributor present when left out.</param>
[ApiExample("""{"role":"Expert by experience","activity":"Meeting","payer":"Organisation"}""")]
public sealed record AttendanceClaimsRequest(string Role, string Activity, PayerKind Payer = PayerKind.Organisation, IReadOnlyList<Guid>? People = null)
{
    public AttendanceClaimsSpec ToSpec() => new(Role, Activity, Payer, People);
}

/// <summary>Closing a session, optionally paying its attendance at once.</summary>
/// <param name="Claims">Make draft claims for every contributor present.</param>
[ApiExample("""{"claims":{"role":"Expert by experience","activity":"Meeting"}}""")]
public sealed record CloseSessionRequest(AttendanceClaimsRequest? Claims = null);
