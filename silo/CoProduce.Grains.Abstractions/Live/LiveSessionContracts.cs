using CoProduce.Grains.Common;
using CoProduce.Grains.Payments;
using CoProduce.Live;

namespace CoProduce.Grains.Live;

/// <summary>One person's time in a session: how long they were present while it was open, in the role they joined in.</summary>
[GenerateSerializer, Alias("coproduce.live.SessionAttendee"), Immutable]
public sealed record SessionAttendee(Guid PersonId, LiveRole Role, Guid? With, double SecondsPresent);

/// <summary>
/// A session of a project's live hub: from a facilitator opening it to a facilitator closing it. While it is open,
/// every person's time present (from their first connection to their last one closing, within the session) is
/// added up; <see cref="Attendance"/> is final once <see cref="ClosedAt"/> is set.
/// </summary>
[GenerateSerializer, Alias("coproduce.live.LiveSessionView")]
public sealed record LiveSessionView(
    Guid Id,
    Guid ProjectId,
    DateTimeOffset OpenedAt,
    Guid OpenedBy,
    DateTimeOffset? ClosedAt,
    Guid? ClosedBy,
    IReadOnlyList<SessionAttendee> Attendance);

/// <summary>A closed session and the draft claims its close made.</summary>
[GenerateSerializer, Alias("coproduce.live.ClosedSession")]
public sealed record ClosedSession(LiveSessionView Session, IReadOnlyList<ClaimView> Claims);

/// <summary>
/// A live session, keyed by its id: it closes itself, and keeps the closed session and its attendance (written once,
/// when the session closes).
/// </summary>
[Alias("coproduce.live.ILiveSessionGrain")]
public interface ILiveSessionGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Closes the session, open in project <paramref name="projectId"/> (its facilitators), and keeps its attendance;
    /// with <paramref name="claims"/>, every contributor present gets a draft claim for their time at once. Claims that
    /// could not be made refuse the close, and nothing changes. A close sent again after one that failed part way
    /// finishes it, with the claims that one asked for, and makes only the claims still missing (each person's claim
    /// from a session is made once); a session closed already is 409.
    /// </summary>
    Task<ClosedSession> Close(Actor actor, Guid projectId, AttendanceClaimsSpec? claims);

    /// <summary>Keeps the closed session; a second call keeps the first record and returns it.</summary>
    Task<LiveSessionView> Record(LiveSessionView closed);

    /// <summary>The closed session, or null when no session with this id has closed.</summary>
    [ReadOnly]
    Task<LiveSessionView?> Get();
}
