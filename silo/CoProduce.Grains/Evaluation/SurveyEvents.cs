namespace CoProduce.Grains.Evaluation;

public sealed record SurveyCreated(
    Guid SurveyId,
    Guid ProjectId,
    string Title,
    bool Anonymous,
    IReadOnlyList<SurveyQuestion> Questions,
    IReadOnlyList<Guid> DecisionIds,
    IReadOnlyList<Guid> ActionIds,
    Guid By,
    Guid? SupportedBy);

/// <summary>A response given or replaced. In an anonymous survey the person, supporter and answers are all null: only that a response came in.</summary>
public sealed record SurveyResponded(Guid SurveyId, Guid ProjectId, Guid? PersonId, Guid? SupportedBy, IReadOnlyList<Answer>? Answers, DateTimeOffset At);

public sealed record SurveyClosed(Guid SurveyId, Guid ProjectId, SurveyResults Results, Guid By, Guid? SupportedBy, DateTimeOffset At);
