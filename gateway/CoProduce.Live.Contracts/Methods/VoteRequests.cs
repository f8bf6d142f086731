namespace CoProduce.Live;

/// <summary>
/// A vote; only the part for the decision's method is given: <see cref="Position"/> (<c>Agree</c>,
/// <c>Abstain</c>, <c>Disagree</c>, <c>Block</c>) and <see cref="Reason"/> for consent, <see cref="Choice"/>,
/// <see cref="Ranking"/>, <see cref="Dots"/>, <see cref="Scores"/>, or <see cref="Availability"/>
/// (<c>Yes</c>, <c>Maybe</c>, <c>No</c> per time).
/// </summary>
public sealed record LiveBallot(
    string? Position = null,
    string? Reason = null,
    Guid? Choice = null,
    IReadOnlyList<Guid>? Ranking = null,
    IReadOnlyDictionary<Guid, int>? Dots = null,
    IReadOnlyDictionary<Guid, int>? Scores = null,
    IReadOnlyDictionary<Guid, string>? Availability = null);

/// <summary>Casts or changes the caller's vote.</summary>
public sealed record VoteRequest(Guid ProjectId, Guid DecisionId, LiveBallot Ballot);

/// <summary>Closes voting now (facilitators).</summary>
public sealed record CloseDecisionRequest(Guid ProjectId, Guid DecisionId);
