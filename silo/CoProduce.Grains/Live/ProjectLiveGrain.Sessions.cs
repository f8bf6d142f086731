using CoProduce.Grains.Common;
using CoProduce.Live;

namespace CoProduce.Grains.Live;

/// <summary>
/// Sessions: a facilitator opens one and closes it; in between, each person's time present (first connection to last
/// disconnection) is added up on the grain's clock, and on closing the attendance is kept by the session's own grain.
/// </summary>
public sealed partial class ProjectLiveGrain
{
    public async Task<LiveSessionView> OpenSession(Guid sessionId, Guid facilitatorId)
    {
        if (S.Session is { } open)
        {
            return open.Id == sessionId ? View(open, null, null) : throw DomainException.Conflict("A session is open already; close it first.");
        }

        if (await GrainFactory.GetGrain<ILiveSessionGrain>(sessionId).Get() is not null)
        {
            throw DomainException.Conflict("This session has closed already; open a new one.");
        }

        // Everyone present now starts now.
        var now = time.GetUtcNow();
        var attendance = P.Present.Values.ToDictionary(p => p.Person.PersonId, p => new AttendanceEntry(p.Person.Role, p.Person.With, 0, now));
        var session = new OpenSessionState(sessionId, now, facilitatorId, attendance);
        await Commit(S with { Session = session }, new SessionOpened(sessionId, facilitatorId));
        return View(session, null, null);
    }

    public async Task<LiveSessionView> CloseSession(Guid sessionId, Guid facilitatorId)
    {
        if (S.Session is not { } open || open.Id != sessionId)
        {
            // Closed already (its record says so), or never opened here.
            var closed = await GrainFactory.GetGrain<ILiveSessionGrain>(sessionId).Get();
            return closed is not null && closed.ProjectId == ProjectId
                ? throw DomainException.Conflict("This session has closed already.")
                : throw DomainException.NotFound("The session");
        }

        var now = time.GetUtcNow();
        var record = await GrainFactory.GetGrain<ILiveSessionGrain>(sessionId).Record(View(open, now, facilitatorId));
        await Commit(S with { Session = null }, new SessionClosed(sessionId, facilitatorId, record.Attendance.Count));
        return record;
    }

    public Task<LiveSessionView?> OpenSessionNow() =>
        Task.FromResult(S.Session is { } open ? View(open, null, null) : null);

    /// <summary>A person's first connection while a session is open: their time starts (again).</summary>
    private ProjectLiveState Attend(ProjectLiveState next, PresentPerson person)
    {
        if (next.Session is not { } open)
        {
            return next;
        }

        var entry = open.Attendance.TryGetValue(person.PersonId, out var before)
            ? before with { Since = time.GetUtcNow() }
            : new AttendanceEntry(person.Role, person.With, 0, time.GetUtcNow());
        return next with { Session = open with { Attendance = With(open.Attendance, person.PersonId, entry) } };
    }

    /// <summary>A person's last connection closed while a session is open: their time so far is counted.</summary>
    private ProjectLiveState Leave(ProjectLiveState next, Guid personId)
    {
        if (next.Session is not { } open || !open.Attendance.TryGetValue(personId, out var entry) || entry.Since is not { } since)
        {
            return next;
        }

        var counted = entry with { Seconds = entry.Seconds + Seconds(since, time.GetUtcNow()), Since = null };
        return next with { Session = open with { Attendance = With(open.Attendance, personId, counted) } };
    }

    /// <summary>The session as it stands; closing at <paramref name="closedAt"/> counts everyone still present up to then.</summary>
    private LiveSessionView View(OpenSessionState open, DateTimeOffset? closedAt, Guid? closedBy)
    {
        var upTo = closedAt ?? time.GetUtcNow();
        return new LiveSessionView(
            open.Id, ProjectId, open.OpenedAt, open.OpenedBy, closedAt, closedBy,
            [.. open.Attendance
                .Select(a => new SessionAttendee(a.Key, a.Value.Role, a.Value.With, a.Value.Seconds + (a.Value.Since is { } since ? Seconds(since, upTo) : 0)))
                .OrderBy(a => a.PersonId)]);
    }

    private static double Seconds(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, Math.Round((to - from).TotalSeconds, 3));
}
