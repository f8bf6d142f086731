using CoProduce.Grains.Common;

namespace CoProduce.Grains.Decisions;

/// <summary>
/// A ballot as kept. In an anonymous decision <see cref="PersonId"/> and <see cref="SupportedBy"/> are
/// always null and the ballot is filed under a keyed hash of the voter, so nothing stored says who chose what.
/// </summary>
public sealed record StoredBallot(Ballot Ballot, bool LivedExperience, Guid? PersonId, Guid? SupportedBy, DateTimeOffset CastAt);

public sealed record DecisionState : VersionedState
{
    public Guid ProjectId { get; init; }

    public string Title { get; init; } = "";

    public string? Description { get; init; }

    public DecisionMethod Method { get; init; }

    public List<DecisionOption> Options { get; init; } = [];

    public DateTimeOffset OpensAt { get; init; }

    public DateTimeOffset ClosesAt { get; init; }

    public Quorum Quorum { get; init; } = new(0, 0);

    public bool Anonymous { get; init; }

    public bool HideResultsUntilClose { get; init; }

    public int? DotsPerPerson { get; init; }

    public int? MinScore { get; init; }

    public int? MaxScore { get; init; }

    public DecisionStatus Status { get; init; }

    /// <summary>The per-decision salt that, with the nodes' <see cref="Common.AnonymityKey"/>, turns a voter's id into the key of their ballot (anonymous decisions only).</summary>
    public string? VoterKeySecret { get; init; }

    /// <summary>Ballots by voter key: the person's id, or in an anonymous decision a keyed hash of it.</summary>
    public Dictionary<string, StoredBallot> Ballots { get; init; } = [];

    /// <summary>
    /// Writes made by ballots while an anonymous decision is open. They are left out of the version shown
    /// (the ETag) until it closes, so a reader cannot count ballots by watching the version move.
    /// </summary>
    public long BallotWrites { get; init; }

    /// <summary>The count fixed at close.</summary>
    public DecisionResults? FinalResults { get; init; }

    public DecisionOutcome? Outcome { get; init; }

    public Guid CreatedBy { get; init; }

    public Guid? CreatedWith { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Who closed it early; null when it closed by itself at its closing time.</summary>
    public Guid? ClosedBy { get; init; }

    public DateTimeOffset? ReviewDueAt { get; init; }

    /// <summary>The project's agenda items the decision takes up; empty in decisions stored before there were any.</summary>
    public List<Guid> AgendaItemIds { get; init; } = [];
}
