using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Recognition;

/// <summary>A session the person attended, as a facilitator recorded it.</summary>
[GenerateSerializer, Alias("coproduce.recognition.SessionAttended"), Immutable]
public sealed record SessionAttended(Guid SessionId, string Title, DateOnly HeldOn, decimal Hours);

/// <summary>
/// An agenda item the person proposed (withdrawn ones stay on record), with the decisions that took it
/// up, oldest first, so the person can follow it to what was decided and fed back.
/// </summary>
[GenerateSerializer, Alias("coproduce.recognition.ItemProposed")]
public sealed record ItemProposed(Guid ItemId, string Title, bool Withdrawn, DateTimeOffset ProposedAt, IReadOnlyList<Guid> DecisionIds);

/// <summary>
/// How the person took part in one decision: voted in it (only where the vote was not anonymous),
/// gave a reason with their vote, proposed it, or wrote its outcome. A decision is listed when any is true.
/// </summary>
[GenerateSerializer, Alias("coproduce.recognition.DecisionShaped"), Immutable]
public sealed record DecisionShaped(Guid DecisionId, string Title, bool Voted, bool GaveReason, bool Proposed, bool WroteOutcome);

/// <summary>A survey the person answered (only surveys that are not anonymous).</summary>
[GenerateSerializer, Alias("coproduce.recognition.SurveyAnswered"), Immutable]
public sealed record SurveyAnswered(Guid SurveyId, string Title);

/// <summary>A measure of success the person proposed, or endorsed or objected to.</summary>
[GenerateSerializer, Alias("coproduce.recognition.MeasureShaped"), Immutable]
public sealed record MeasureShaped(Guid MeasureId, string Name, bool Proposed, bool Answered);

/// <summary>"You said, we did" feedback the person signed off or challenged.</summary>
[GenerateSerializer, Alias("coproduce.recognition.FeedbackAnswered"), Immutable]
public sealed record FeedbackAnswered(Guid FeedbackId, Guid DecisionId, bool SignedOff);

/// <summary>Everything the person did in one project, as far as the platform knows.</summary>
[GenerateSerializer, Alias("coproduce.recognition.ProjectContribution")]
public sealed record ProjectContribution(
    Guid ProjectId,
    string ProjectName,
    Guid OrganisationId,
    Guid? NetworkId,
    ProjectRole Role,
    DateTimeOffset JoinedAt,
    IReadOnlyList<SessionAttended> Sessions,
    decimal Hours,
    IReadOnlyList<ItemProposed> ItemsProposed,
    IReadOnlyList<DecisionShaped> Decisions,
    IReadOnlyList<SurveyAnswered> Surveys,
    IReadOnlyList<MeasureShaped> Measures,
    IReadOnlyList<FeedbackAnswered> Feedback);

/// <summary>Totals over the projects in a record.</summary>
[GenerateSerializer, Alias("coproduce.recognition.ContributionTotals"), Immutable]
public sealed record ContributionTotals(
    int Projects,
    int Sessions,
    decimal Hours,
    int ItemsProposed,
    int DecisionsVotedIn,
    int DecisionsShaped,
    int SurveysAnswered,
    int MeasuresShaped,
    int FeedbackAnswered);

/// <summary>
/// A person's contributions, project by project, newest project first. Anonymous votes and survey
/// answers are never attributed to anyone, so they do not appear here.
/// </summary>
[GenerateSerializer, Alias("coproduce.recognition.ContributionRecord")]
public sealed record ContributionRecord(Guid PersonId, IReadOnlyList<ProjectContribution> Projects, ContributionTotals Totals);
