using CoProduce.Grains.Common;

namespace CoProduce.Grains.Decisions;

/// <summary>How a proposal is decided.</summary>
[GenerateSerializer, Alias("coproduce.decisions.DecisionMethod")]
public enum DecisionMethod
{
    /// <summary>Agree, abstain, disagree or block (a block needs a reason); no options.</summary>
    Consent,

    /// <summary>Each person picks one option; most votes wins, ties are reported as ties.</summary>
    ChooseOne,

    /// <summary>Each person orders the options; instant runoff finds one winner.</summary>
    RankedChoice,

    /// <summary>Each person spreads a set number of dots over the options.</summary>
    DotVote,

    /// <summary>Each person scores every option within a range.</summary>
    Score,

    /// <summary>The options are times; each person says yes, maybe or no to each.</summary>
    TimePoll,
}

/// <summary>Where a decision is in its life.</summary>
[GenerateSerializer, Alias("coproduce.decisions.DecisionStatus")]
public enum DecisionStatus
{
    /// <summary>Taking votes (between its opening and closing times).</summary>
    Open,

    /// <summary>Closed: votes are fixed and the results final.</summary>
    Closed,

    /// <summary>Closed with an outcome statement and a review date.</summary>
    Decided,
}

/// <summary>A position on a consent proposal.</summary>
[GenerateSerializer, Alias("coproduce.decisions.ConsentPosition")]
public enum ConsentPosition
{
    Agree,
    Abstain,
    Disagree,

    /// <summary>A serious objection that stops the proposal; a reason is required.</summary>
    Block,
}

/// <summary>An answer to one time in a time poll.</summary>
[GenerateSerializer, Alias("coproduce.decisions.Availability")]
public enum Availability
{
    Yes,
    Maybe,
    No,
}

/// <summary>One option; in a time poll <see cref="Label"/> is the time in ISO 8601.</summary>
[GenerateSerializer, Alias("coproduce.decisions.DecisionOption"), Immutable]
public sealed record DecisionOption(Guid Id, string Label);

/// <summary>
/// Who must take part for the result to count: at least <see cref="MinimumVoters"/> people, of whom at
/// least <see cref="MinimumWithLivedExperience"/> have lived experience (as their own profile says).
/// </summary>
[GenerateSerializer, Alias("coproduce.decisions.Quorum"), Immutable]
public sealed record Quorum(int MinimumVoters, int MinimumWithLivedExperience);

/// <summary>
/// What a facilitator asks the group to decide, and how. <see cref="AgendaItemIds"/> names the items of
/// the project's agenda the decision takes up (none when absent), so each can be traced to it.
/// </summary>
[GenerateSerializer, Alias("coproduce.decisions.DecisionSpec")]
public sealed record DecisionSpec(
    string Title,
    string? Description,
    DecisionMethod Method,
    IReadOnlyList<string> Options,
    DateTimeOffset? OpensAt,
    DateTimeOffset ClosesAt,
    Quorum Quorum,
    bool Anonymous,
    bool HideResultsUntilClose,
    int? DotsPerPerson,
    int? MinScore,
    int? MaxScore,
    IReadOnlyList<Guid>? AgendaItemIds = null);

/// <summary>
/// One person's vote; only the part for the decision's method may be given: <see cref="Position"/> and
/// <see cref="Reason"/> (consent), <see cref="Choice"/> (choose one), <see cref="Ranking"/> (ranked
/// choice), <see cref="Dots"/> (dot vote), <see cref="Scores"/> (score), <see cref="Availability"/> (time poll).
/// </summary>
[GenerateSerializer, Alias("coproduce.decisions.Ballot")]
public sealed record Ballot(
    ConsentPosition? Position = null,
    string? Reason = null,
    Guid? Choice = null,
    IReadOnlyList<Guid>? Ranking = null,
    IReadOnlyDictionary<Guid, int>? Dots = null,
    IReadOnlyDictionary<Guid, int>? Scores = null,
    IReadOnlyDictionary<Guid, Availability>? Availability = null);

/// <summary>The caller's own vote, if they have cast one.</summary>
[GenerateSerializer, Alias("coproduce.decisions.MyBallot")]
public sealed record MyBallot(bool Voted, Ballot? Ballot, DateTimeOffset? CastAt);

/// <summary>What was decided: the statement, when it comes up for review, and who wrote it.</summary>
[GenerateSerializer, Alias("coproduce.decisions.DecisionOutcome"), Immutable]
public sealed record DecisionOutcome(string Statement, DateTimeOffset ReviewDate, Guid RecordedBy, Guid? SupportedBy, DateTimeOffset RecordedAt);

/// <summary>A proposal put to a project's participants, with its method, options and closing time.</summary>
[Alias("coproduce.decisions.IDecisionGrain")]
public interface IDecisionGrain : IGrainWithGuidKey
{
    /// <summary>Creates the decision in <paramref name="projectId"/> (facilitators); voting opens at its opening time.</summary>
    Task<Versioned<DecisionView>> Create(Actor actor, Guid projectId, DecisionSpec spec);

    /// <summary>The decision for anyone who can see its project; 404 for anyone else or another project's id.</summary>
    [ReadOnly]
    Task<Versioned<DecisionView>> Get(Actor actor, Guid projectId);

    /// <summary>A short line for lists; the caller has already been let into the project.</summary>
    [ReadOnly]
    Task<DecisionSummary?> Summary();

    /// <summary>How people with and without lived experience voted, for the power-balance report; null when the decision does not exist.</summary>
    [ReadOnly]
    Task<DecisionBalance?> Balance();

    /// <summary>The decision as everyone in the project's live session sees it (results hidden until close when so set); null if it does not exist.</summary>
    [ReadOnly]
    Task<DecisionView?> LiveView();

    /// <summary>Casts or replaces the caller's vote (contributors and facilitators) until the decision closes.</summary>
    Task<MyBallot> Vote(Actor actor, Guid projectId, Ballot ballot);

    /// <summary>The caller's own vote.</summary>
    [ReadOnly]
    Task<MyBallot> Mine(Actor actor, Guid projectId);

    /// <summary>Closes voting now (facilitators); it also closes by itself at its closing time.</summary>
    Task<Versioned<DecisionView>> Close(Actor actor, Guid projectId);

    /// <summary>Records the outcome statement and review date (facilitators), closing the decision if still open.</summary>
    Task<Versioned<DecisionView>> RecordOutcome(Actor actor, Guid projectId, string statement, DateTimeOffset reviewDate);
}
