using CoProduce.Live;

namespace CoProduce.Grains.Live;

/// <summary>Someone present, with the connections they have open (a person may have several).</summary>
public sealed record PresentEntry(PresentPerson Person, IReadOnlyList<string> Connections);

/// <summary>A live session's state; it changes with each live event, in the same write.</summary>
public sealed record ProjectLiveState
{
    public IReadOnlyDictionary<Guid, PresentEntry> Present { get; init; } = new Dictionary<Guid, PresentEntry>();

    public IReadOnlyList<QueuedHand> Queue { get; init; } = [];

    public SpeakerTurn? Floor { get; init; }

    /// <summary>Finished turns' speaking time per role, in seconds.</summary>
    public IReadOnlyDictionary<LiveRole, double> SpeakingSeconds { get; init; } = new Dictionary<LiveRole, double>();

    public PaceCounts Pace { get; init; } = new(0, 0, 0);

    /// <summary>The session a facilitator opened and has not closed yet, with attendance so far.</summary>
    public OpenSessionState? Session { get; init; }

    /// <summary>How far each source grain's journal ("type/key") has been relayed.</summary>
    public IReadOnlyDictionary<string, long> Relayed { get; init; } = new Dictionary<string, long>();
}

/// <summary>One person's time in the open session: seconds already counted, and since when they are present again.</summary>
public sealed record AttendanceEntry(LiveRole Role, Guid? With, double Seconds, DateTimeOffset? Since);

/// <summary>An open session: who opened it and when, and attendance so far.</summary>
public sealed record OpenSessionState(Guid Id, DateTimeOffset OpenedAt, Guid OpenedBy, IReadOnlyDictionary<Guid, AttendanceEntry> Attendance);
