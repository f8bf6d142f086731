using CoProduce.Grains.Decisions;
using CoProduce.Grains.Delivery;
using CoProduce.Grains.Evaluation;
using CoProduce.Grains.Feedback;
using CoProduce.Grains.Projects;

namespace CoProduce.Gateway.Trail;

/// <summary>
/// One decision's trail, from the agenda items that led to it through the vote and outcome to what was
/// done, how it was measured and what was fed back. Each part is shown exactly as its own view shows it
/// to the caller: <see cref="Results"/> is null while results are hidden until close, an anonymous
/// decision names no voter, and while it is open its <see cref="Voters"/> (and an open anonymous survey's
/// respondents) are null: not known until it closes.
/// </summary>
public sealed record DecisionTrail(
    Guid DecisionId,
    Guid ProjectId,
    string Title,
    DecisionMethod Method,
    bool Anonymous,
    bool HideResultsUntilClose,
    DecisionStatus Status,
    DateTimeOffset ClosesAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<TrailAgendaItem> AgendaItems,
    int? Voters,
    DecisionResults? Results,
    DecisionOutcome? Outcome,
    DateTimeOffset? ReviewDueAt,
    IReadOnlyList<TrailAction> Actions,
    IReadOnlyList<TrailSurvey> Surveys,
    IReadOnlyList<FeedbackView> Feedback);

/// <summary>
/// An agenda item the decision took up, with its provenance as the agenda shows it to this reader: the proposer's
/// lived experience only for the project's facilitators and only when the proposer agreed to show it; null otherwise.
/// </summary>
public sealed record TrailAgendaItem(
    Guid ItemId,
    string Title,
    Guid ProposedBy,
    Guid? SupportedBy,
    ProjectRole ProposerRole,
    bool? ProposerLivedExperience,
    DateTimeOffset ProposedAt,
    bool Withdrawn);

/// <summary>A delivery action serving the decision, and where it is.</summary>
public sealed record TrailAction(
    Guid ActionId,
    string Title,
    Guid OwnerId,
    DateTimeOffset? DueDate,
    ActionStatus Status,
    string? DroppedReason,
    DateTimeOffset UpdatedAt);

/// <summary>A survey linked to the decision as outcome evidence, and how many have answered it.</summary>
public sealed record TrailSurvey(
    Guid SurveyId,
    string Title,
    bool Anonymous,
    SurveyStatus Status,
    int? Respondents);
