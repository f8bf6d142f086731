namespace CoProduce.Live;

/// <summary>
/// Someone arrived (their first connection). <see cref="With"/> is the contributor a supporter acts with.
/// <see cref="AccessNeeds"/> are what the person chose to share, and only facilitators receive them.
/// </summary>
public sealed record PersonJoined(Guid PersonId, string? DisplayName, LiveRole Role, Guid? With, IReadOnlyList<string>? AccessNeeds) : LiveEvent;

/// <summary>Someone's last connection closed.</summary>
public sealed record PersonLeft(Guid PersonId) : LiveEvent;

/// <summary>
/// Someone was removed from the project (or the contributor they act with was, or is no longer a contributor):
/// their connections leave the session at once and receive nothing after this event. <see cref="PersonLeft"/> follows.
/// </summary>
public sealed record PersonRemoved(Guid PersonId) : LiveEvent;

/// <summary>
/// Someone's role in the project changed while they were present; from this event on they act, and are shown
/// the session, in <see cref="Role"/> (a demoted facilitator no longer gives the floor or sees access needs).
/// </summary>
public sealed record PersonRoleChanged(Guid PersonId, LiveRole Role) : LiveEvent;

/// <summary>Someone in the session now.</summary>
public sealed record PresentPerson(Guid PersonId, string? DisplayName, LiveRole Role, Guid? With, IReadOnlyList<string>? AccessNeeds);
