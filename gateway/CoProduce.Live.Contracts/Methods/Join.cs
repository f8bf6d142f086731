namespace CoProduce.Live;

/// <summary>
/// Joins a project's live session. <see cref="AfterSequence"/> is the last sequence number the client
/// saw (null on a first join); <see cref="ActingWith"/> names the contributor a supporter acts with;
/// <see cref="AccessNeeds"/> are what the person chooses to share with facilitators (at most 10, 300
/// characters each).
/// </summary>
public sealed record JoinRequest(Guid ProjectId, long? AfterSequence = null, Guid? ActingWith = null, IReadOnlyList<string>? AccessNeeds = null);

/// <summary>
/// The caller's role and the session as it stands at <see cref="LiveSnapshot.Sequence"/>. Every event
/// after <see cref="ResumeAfter"/> is pushed, in order, with no gap and no repeat.
/// </summary>
public sealed record JoinResult(Guid ProjectId, LiveRole Role, long ResumeAfter, LiveSnapshot Snapshot);

/// <summary>
/// The session at one sequence number: who is here (the first <see cref="PresencePage.FirstPage"/> people in
/// order of person id, with <see cref="PresentCount"/> in all; when <see cref="PresentNext"/> is not null, the
/// rest come from the hub's <c>Presence</c> pages after it), the queue to speak, who has the floor, and (for
/// facilitators only; null for others) the pace signals since they were last cleared.
/// </summary>
public sealed record LiveSnapshot(
    long Sequence,
    IReadOnlyList<PresentPerson> Present,
    int PresentCount,
    Guid? PresentNext,
    IReadOnlyList<QueuedHand> Queue,
    SpeakerTurn? Floor,
    PaceCounts? Pace);
