namespace CoProduce.Grains.Decisions;

/// <summary>
/// What one group of voters chose, counted by the decision's own method on that group's ballots alone:
/// the winning options' labels (several on a tie, none when nobody chose), or for consent "Passes" or
/// "Does not pass".
/// </summary>
[GenerateSerializer, Alias("coproduce.decisions.GroupChoice")]
public sealed record GroupChoice(int Voters, IReadOnlyList<string> Choice);

/// <summary>
/// A decision as the power-balance report sees it. <see cref="Outcome"/> is null while the decision is
/// open. <see cref="LivedExperience"/> and <see cref="Professionals"/> (voters whose profile does not say
/// lived experience) are null while it is open, when the group cast no vote, when either group is 1 to 4
/// voters (its choice would be theirs), and always in an anonymous decision, where only the numbers of voters
/// are given so that no choice can be traced to a person. <see cref="VotersWithLivedExperience"/> is the raw
/// count, for the report's figures: the report publishes them only as its release rule allows.
/// <see cref="LivedExperienceQuorumMet"/> says whether a lived-experience quorum was asked for and met (false when none
/// was asked for), and is null when that cannot be said without telling a count the small-count rule hides.
/// </summary>
[GenerateSerializer, Alias("coproduce.decisions.DecisionBalance")]
public sealed record DecisionBalance(
    Guid Id,
    Guid ProjectId,
    string Title,
    DecisionMethod Method,
    bool Anonymous,
    DecisionStatus Status,
    DateTimeOffset? ClosedAt,
    Quorum Quorum,
    int Voters,
    int VotersWithLivedExperience,
    bool? LivedExperienceQuorumMet,
    GroupChoice? Outcome,
    GroupChoice? LivedExperience,
    GroupChoice? Professionals);
