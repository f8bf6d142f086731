namespace CoProduce.Live;

public sealed record LiveOption(Guid Id, string Label);

/// <summary>Consent counts.</summary>
public sealed record LiveConsent(int Agree, int Abstain, int Disagree, int Block, bool Passes);

/// <summary>One option's count: its place (1 first, ties share), the method's measure and how many back it.</summary>
public sealed record LiveOptionCount(Guid OptionId, string Label, int Position, decimal Score, int Backers);

/// <summary>
/// A count, provisional while voting is open, final at close. <see cref="QuorumMet"/> is null where the decision does
/// not say it: a lived-experience quorum while voting is open, or at close when saying it would tell a count of
/// voters with lived experience that is not shown.
/// </summary>
public sealed record LiveTally(bool? QuorumMet, LiveConsent? Consent, IReadOnlyList<LiveOptionCount> Options, IReadOnlyList<Guid> Winners, bool Tie);

/// <summary>A decision was put to the group.</summary>
public sealed record DecisionOpened(
    Guid DecisionId,
    string Title,
    string Method,
    IReadOnlyList<LiveOption> Options,
    DateTimeOffset ClosesAt,
    bool Anonymous,
    bool HideResultsUntilClose) : LiveEvent;

/// <summary>A vote was cast or changed. <see cref="Tally"/> is null while the method hides results until close.</summary>
public sealed record TallyChanged(Guid DecisionId, int Voters, LiveTally? Tally) : LiveEvent;

/// <summary>Voting closed: the final results.</summary>
public sealed record DecisionClosed(Guid DecisionId, int Voters, LiveTally Results) : LiveEvent;

public sealed record DecisionOutcomeRecorded(Guid DecisionId, string Statement, DateTimeOffset ReviewDate) : LiveEvent;
