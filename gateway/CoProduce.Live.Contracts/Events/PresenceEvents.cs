namespace CoProduce.Live;

/// <summary>
/// Someone arrived (their first connection). <see cref="With"/> is the contributor a supporter acts with.
/// <see cref="AccessNeeds"/> are what the person chose to share, and only facilitators receive them.
/// </summary>
public sealed record PersonJoined(Guid PersonId, string? DisplayName, LiveRole Role, Guid? With, IReadOnlyList<string>? AccessNeeds) : LiveEvent;

/// <summary>Someone's last connection closed.</summary>
public sealed record PersonLeft(Guid PersonId) : LiveEvent;

/// <summary>Someone in the session now.</summary>
public sealed record PresentPerson(Guid PersonId, string? DisplayName, LiveRole Role, Guid? With, IReadOnlyList<string>? AccessNeeds);
