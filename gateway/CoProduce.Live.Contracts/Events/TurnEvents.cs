namespace CoProduce.Live;

/// <summary>Someone joined the queue to speak (at its end).</summary>
public sealed record HandRaised(Guid PersonId, LiveRole Role) : LiveEvent;

/// <summary>Someone left the queue (they lowered their hand or were given the floor).</summary>
public sealed record HandLowered(Guid PersonId) : LiveEvent;

/// <summary>A facilitator gave someone the floor; their turn is timed from <see cref="LiveMessage.At"/>.</summary>
public sealed record FloorGiven(Guid PersonId, LiveRole Role, Guid By) : LiveEvent;

/// <summary>A turn ended (the speaker or a facilitator ended it, or the floor went to someone else).</summary>
public sealed record TurnEnded(Guid PersonId, LiveRole Role, double Seconds) : LiveEvent;

public sealed record QueuedHand(Guid PersonId, LiveRole Role, DateTimeOffset RaisedAt);

public sealed record SpeakerTurn(Guid PersonId, LiveRole Role, DateTimeOffset Since);

/// <summary>Speaking time so far for one role, and its share of all speaking time (0 to 1).</summary>
public sealed record RoleSpeakingTime(LiveRole Role, double Seconds, double Share);

/// <summary>Speaking time by role across every turn in the project's live sessions.</summary>
public sealed record SpeakingTimeReport(IReadOnlyList<RoleSpeakingTime> Roles, double TotalSeconds);
