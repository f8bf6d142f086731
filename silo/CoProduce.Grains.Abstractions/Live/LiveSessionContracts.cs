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

/// <summary>A closed live session and its attendance, keyed by the session's id; written once, when the session closes.</summary>
[Alias("coproduce.live.ILiveSessionGrain")]
public interface ILiveSessionGrain : IGrainWithGuidKey
{
    /// <summary>Keeps the closed session; a second call keeps the first record and returns it.</summary>
    Task<LiveSessionView> Record(LiveSessionView closed);

    /// <summary>The closed session, or null when no session with this id has closed.</summary>
    [ReadOnly]
    Task<LiveSessionView?> Get();
}
