namespace CoProduce.Grains.Decisions;

/// <summary>Consent counts; <see cref="Passes"/> when nobody blocks and more agree than disagree.</summary>
[GenerateSerializer, Alias("coproduce.decisions.ConsentTally"), Immutable]
public sealed record ConsentTally(int Agree, int Abstain, int Disagree, int Block, bool Passes);

/// <summary>
/// One option's count. <see cref="Position"/> is its place (1 first; tied options share a place).
/// <see cref="Score"/> is the method's measure: votes (choose one), votes in the last runoff round it
/// stood in (ranked choice), dots (dot vote), total score (score) or yes answers (time poll).
/// </summary>
[GenerateSerializer, Alias("coproduce.decisions.OptionResult"), Immutable]
public sealed record OptionResult(
    Guid OptionId,
    string Label,
    int Position,
    decimal Score,
    int Backers,
    decimal? Mean = null,
    int? Maybe = null);

/// <summary>One instant-runoff round: votes per option still standing, and who went out and why.</summary>
[GenerateSerializer, Alias("coproduce.decisions.RunoffRound")]
public sealed record RunoffRound(int Round, IReadOnlyDictionary<Guid, int> Votes, int Exhausted, Guid? Eliminated, string? TieBreak);

/// <summary>A disagreement or block, with its reason; <see cref="PersonId"/> is null in an anonymous decision.</summary>
[GenerateSerializer, Alias("coproduce.decisions.Dissent"), Immutable]
public sealed record Dissent(ConsentPosition Position, string? Reason, Guid? PersonId);

/// <summary>Who voted what, in a decision that is not anonymous.</summary>
[GenerateSerializer, Alias("coproduce.decisions.VoteRecord")]
public sealed record VoteRecord(Guid PersonId, Guid? SupportedBy, Ballot Ballot, DateTimeOffset CastAt);

/// <summary>
/// The count. <see cref="Winners"/> holds one option, several when they tie (<see cref="Tie"/>), or none
/// (no votes, or consent). Dissent is listed in full whatever the result. <see cref="VotersWithLivedExperience"/>
/// is null, with <see cref="LivedExperienceSuppressed"/> saying why, when it or the voters without lived
/// experience number 1 to 4: a smaller count could single someone out (the aggregates' small-count rule).
/// <see cref="QuorumMet"/> is null, with <see cref="QuorumWithheld"/> saying why, when the quorum has a
/// lived-experience part and saying whether it was met would tell more than that count does: always while the
/// decision is open (unless the number of voters alone says it is not met), and at close whenever the count is
/// not shown.
/// </summary>
[GenerateSerializer, Alias("coproduce.decisions.DecisionResults")]
public sealed record DecisionResults(
    int Voters,
    int? VotersWithLivedExperience,
    bool? QuorumMet,
    ConsentTally? Consent,
    IReadOnlyList<OptionResult> Options,
    IReadOnlyList<Guid> Winners,
    bool Tie,
    IReadOnlyList<RunoffRound> Rounds,
    IReadOnlyList<Dissent> Dissent,
    string? LivedExperienceSuppressed = null,
    string? QuorumWithheld = null);

/// <summary>
/// A decision as participants see it. <see cref="Results"/> is null while results are hidden until
/// close; <see cref="Votes"/> is empty for anonymous decisions and while results are hidden. While an
/// anonymous decision is open, results are always hidden and <see cref="Voters"/> is null (not known yet,
/// never a real 0), so no ballot can be told from a read before and after it; the counts appear at close.
/// <see cref="AgendaItemIds"/> are the project's agenda items the decision takes up.
/// </summary>
[GenerateSerializer, Alias("coproduce.decisions.DecisionView")]
public sealed record DecisionView(
    Guid Id,
    Guid ProjectId,
    string Title,
    string? Description,
    DecisionMethod Method,
    IReadOnlyList<DecisionOption> Options,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    Quorum Quorum,
    bool Anonymous,
    bool HideResultsUntilClose,
    int? DotsPerPerson,
    int? MinScore,
    int? MaxScore,
    DecisionStatus Status,
    int? Voters,
    DecisionResults? Results,
    IReadOnlyList<VoteRecord> Votes,
    DecisionOutcome? Outcome,
    Guid CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    Guid? ClosedBy,
    DateTimeOffset? ReviewDueAt,
    IReadOnlyList<Guid> AgendaItemIds);

/// <summary>A decision in a list; <see cref="Voters"/> is null while an anonymous decision is open (not known until it closes).</summary>
[GenerateSerializer, Alias("coproduce.decisions.DecisionSummary"), Immutable]
public sealed record DecisionSummary(
    Guid Id,
    string Title,
    DecisionMethod Method,
    DecisionStatus Status,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    int? Voters,
    DateTimeOffset CreatedAt);
