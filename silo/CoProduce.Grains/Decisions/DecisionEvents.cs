namespace CoProduce.Grains.Decisions;

public sealed record DecisionCreated(
    Guid DecisionId,
    Guid ProjectId,
    string Title,
    DecisionMethod Method,
    IReadOnlyList<DecisionOption> Options,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    Quorum Quorum,
    bool Anonymous,
    bool HideResultsUntilClose,
    Guid By,
    Guid? SupportedBy,
    IReadOnlyList<Guid>? AgendaItemIds = null);

/// <summary>A vote cast or changed. In an anonymous decision the voter, supporter and choice are all null: only that a vote came in.</summary>
public sealed record VoteCast(Guid DecisionId, Guid ProjectId, Guid? PersonId, Guid? SupportedBy, Ballot? Ballot, DateTimeOffset At);

/// <summary>Voting closed; <see cref="By"/> is null when it closed by itself at its closing time.</summary>
public sealed record DecisionClosed(Guid DecisionId, Guid ProjectId, DecisionResults Results, Guid? By, Guid? SupportedBy, DateTimeOffset At);

public sealed record OutcomeRecorded(Guid DecisionId, Guid ProjectId, DecisionOutcome Outcome);

/// <summary>The outcome's review date has come: the decision is due to be looked at again.</summary>
public sealed record ReviewDue(Guid DecisionId, Guid ProjectId, DateTimeOffset ReviewDate, DateTimeOffset At);
