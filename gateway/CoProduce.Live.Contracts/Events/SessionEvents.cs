namespace CoProduce.Live;

/// <summary>
/// A facilitator opened a session: from now until it closes, everyone's time present is recorded, so that
/// contributors can be paid for it (draft claims they confirm).
/// </summary>
public sealed record SessionOpened(Guid SessionId, Guid OpenedBy) : LiveEvent;

/// <summary>The session closed; <see cref="Attended"/> people were present in it at some time.</summary>
public sealed record SessionClosed(Guid SessionId, Guid ClosedBy, int Attended) : LiveEvent;
