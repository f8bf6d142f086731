using CoProduce.Live;

namespace CoProduce.Grains.Live;

/// <summary>One open connection of someone present, and the gateway node that holds it.</summary>
public sealed record PresentConnection(string Id, string Node);

/// <summary>Someone present, with the connections they have open (a person may have several).</summary>
public sealed record PresentEntry(PresentPerson Person, IReadOnlyList<PresentConnection> Connections);

/// <summary>
/// A live session's state apart from presence; it changes with each live event, in the same write. It is
/// written on every relayed vote or agenda change, so it stays small: presence has a state of its own.
/// </summary>
public sealed record ProjectLiveState
{
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

/// <summary>Who is present, and through which connections on which gateway nodes.</summary>
public sealed record LivePresenceState
{
    public IReadOnlyDictionary<Guid, PresentEntry> Present { get; init; } = new Dictionary<Guid, PresentEntry>();
}

/// <summary>
/// The gateway nodes holding connections in the session and when each last sent a heartbeat; a state of
/// its own, so a heartbeat writes a few bytes, not everyone present.
/// </summary>
public sealed record LiveNodesState
{
    public IReadOnlyDictionary<string, DateTimeOffset> Nodes { get; init; } = new Dictionary<string, DateTimeOffset>();

    /// <summary>Nodes whose connections were taken out for silence (the latest few), told so if they come back.</summary>
    public IReadOnlyList<string> Swept { get; init; } = [];

    /// <summary>Each node's observer, kept while the node beats, so a new activation still reaches every node.</summary>
    public IReadOnlyDictionary<string, NodeWatcher> Watchers { get; init; } = new Dictionary<string, NodeWatcher>();
}

/// <summary>A gateway node's <see cref="ILiveObserver"/> (its grain id) and the silo it runs on.</summary>
public sealed record NodeWatcher(string Observer, string Silo);
