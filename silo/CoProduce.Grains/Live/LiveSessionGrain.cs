using CoProduce.Grains.Common;
using CoProduce.Grains.Payments;
using CoProduce.Grains.Projects;
using CoProduce.Live;

namespace CoProduce.Grains.Live;

/// <summary>
/// A live session, keyed by its id: it closes itself (the project's live grain counts the time and ends the session,
/// this grain keeps the attendance, the project's payments make the draft claims) and then keeps the closed session.
/// </summary>
// Reentrant because closing calls the project's live grain and payments, which call back to record and read the session.
// A close in progress refuses another, and every step reads the state again after its await.
[Reentrant]
[GrainType("livesession")]
public sealed class LiveSessionGrain([PersistentState("session")] IPersistentState<LiveSessionState> state) : Grain, ILiveSessionGrain
{
    private bool _closing;

    private Guid SessionId => this.GetPrimaryKey();

    public async Task<ClosedSession> Close(Actor actor, Guid projectId, AttendanceClaimsSpec? claims)
    {
        if (_closing)
        {
            throw DomainException.Conflict("The session is being closed already.");
        }

        _closing = true;
        try
        {
            return await Closing(actor, projectId, claims);
        }
        finally
        {
            _closing = false;
        }
    }

    public async Task<LiveSessionView> Record(LiveSessionView closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        if (state.State.Session is { } kept)
        {
            return kept;
        }

        // Kept with the claims its close asked for; a write that fails leaves nothing recorded here either.
        var before = state.State;
        state.State = before with { Session = closed };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = before;
            throw;
        }

        return closed;
    }

    public Task<LiveSessionView?> Get() => Task.FromResult(state.State.Session);

    /// <summary>
    /// Checks, closes and pays, finishing what a close that failed part way left: a close whose attendance was recorded
    /// goes on with the claims that close asked for, and each contributor's claim is made once (its id is the session's
    /// and the person's), so a retried close never makes a claim twice.
    /// </summary>
    private async Task<ClosedSession> Closing(Actor actor, Guid projectId, AttendanceClaimsSpec? claims)
    {
        await GrainFactory.EnsureCanFacilitate(actor, projectId, "Only the project's facilitators open and close sessions.");
        var live = GrainFactory.GetGrain<IProjectLiveGrain>(projectId);
        var payments = GrainFactory.GetGrain<IProjectPaymentsGrain>(projectId);
        var stillOpen = (await live.OpenSessionNow())?.Id == SessionId;
        var recorded = state.State.Session;
        if (recorded is null ? !stillOpen : recorded.ProjectId != projectId)
        {
            throw DomainException.NotFound("The session");
        }

        if (recorded is null)
        {
            // Refused before closing, so a refused close changes nothing: everyone present is paid at close.
            if (claims is not null)
            {
                if (claims.People is not null)
                {
                    throw DomainException.Invalid("claims.people", "Closing pays everyone present; name people with .../claims after closing.");
                }

                await payments.CheckAttendanceClaims(actor, claims);
            }

            // Stored with the attendance, in the same write (Record), so a retry knows what this close asked for.
            state.State = state.State with { ClaimsDue = claims };
        }

        var due = state.State.ClaimsDue;
        var session = stillOpen ? await live.CloseSession(SessionId, actor.PersonId) : recorded!;
        if (due is null || !session.Attendance.Any(a => a.Role == LiveRole.Contributor && a.SecondsPresent > 0))
        {
            return stillOpen ? new ClosedSession(session, []) : throw DomainException.Conflict("This session has closed already.");
        }

        try
        {
            return new ClosedSession(session, (await payments.ClaimAttendance(actor, SessionId, due)).Created);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Conflict && !stillOpen)
        {
            // Closed before, and every contributor present has their claim: this close was done already.
            throw DomainException.Conflict("This session has closed already.");
        }
    }
}

/// <summary>The stored record of a closed session.</summary>
public sealed record LiveSessionState
{
    public LiveSessionView? Session { get; init; }

    /// <summary>The claims the session's close asked for (null: none); a close retried after a failure goes on with them.</summary>
    public AttendanceClaimsSpec? ClaimsDue { get; init; }
}
