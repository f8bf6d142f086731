using CoProduce.Grains.Common;

namespace CoProduce.Grains.Evaluation;

/// <summary>The kind of answer a question takes.</summary>
[GenerateSerializer, Alias("coproduce.evaluation.QuestionKind")]
public enum QuestionKind
{
    /// <summary>A whole number from 1 to the question's scale maximum.</summary>
    Scale,

    /// <summary>Exactly one of the options.</summary>
    SingleChoice,

    /// <summary>Any number of the options.</summary>
    MultipleChoice,

    /// <summary>The person's own words.</summary>
    FreeText,
}

/// <summary>Whether a survey takes responses.</summary>
[GenerateSerializer, Alias("coproduce.evaluation.SurveyStatus")]
public enum SurveyStatus
{
    /// <summary>Taking responses; a second response replaces the first.</summary>
    Open,

    /// <summary>Closed: responses are fixed and results shown to everyone in the project.</summary>
    Closed,
}

/// <summary>
/// A question as a facilitator writes it. <see cref="ScaleMax"/> (2-10) and optional
/// <see cref="ScaleLabels"/> (one per point) are for scales; <see cref="Options"/> (2-20) for choices.
/// </summary>
[GenerateSerializer, Alias("coproduce.evaluation.QuestionSpec")]
public sealed record QuestionSpec(
    string Text,
    QuestionKind Kind,
    bool Required,
    int? ScaleMax,
    IReadOnlyList<string>? ScaleLabels,
    IReadOnlyList<string>? Options);

/// <summary>
/// What a facilitator asks, and the outcome evidence it is linked to: ids of the project's decisions
/// and of actions.
/// </summary>
[GenerateSerializer, Alias("coproduce.evaluation.SurveySpec")]
public sealed record SurveySpec(
    string Title,
    string? Description,
    bool Anonymous,
    IReadOnlyList<QuestionSpec> Questions,
    IReadOnlyList<Guid> DecisionIds,
    IReadOnlyList<Guid> ActionIds);

/// <summary>One option of a choice question.</summary>
[GenerateSerializer, Alias("coproduce.evaluation.SurveyOption"), Immutable]
public sealed record SurveyOption(Guid Id, string Label);

/// <summary>A question as kept, with ids for its options.</summary>
[GenerateSerializer, Alias("coproduce.evaluation.SurveyQuestion")]
public sealed record SurveyQuestion(
    Guid Id,
    string Text,
    QuestionKind Kind,
    bool Required,
    int? ScaleMax,
    IReadOnlyList<string> ScaleLabels,
    IReadOnlyList<SurveyOption> Options);

/// <summary>
/// An answer to one question; only the part for its kind may be given: <see cref="Scale"/>,
/// <see cref="Choice"/> (single choice), <see cref="Choices"/> (multiple choice) or <see cref="Text"/>.
/// </summary>
[GenerateSerializer, Alias("coproduce.evaluation.Answer")]
public sealed record Answer(Guid QuestionId, int? Scale = null, Guid? Choice = null, IReadOnlyList<Guid>? Choices = null, string? Text = null);

/// <summary>The caller's own response, if they have given one.</summary>
[GenerateSerializer, Alias("coproduce.evaluation.MyResponse")]
public sealed record MyResponse(bool Responded, IReadOnlyList<Answer> Answers, DateTimeOffset? At);

/// <summary>How many chose an option.</summary>
[GenerateSerializer, Alias("coproduce.evaluation.OptionCount"), Immutable]
public sealed record OptionCount(Guid OptionId, string Label, int Count);

/// <summary>How many gave a point of a scale.</summary>
[GenerateSerializer, Alias("coproduce.evaluation.ScaleCount"), Immutable]
public sealed record ScaleCount(int Point, string? Label, int Count);

/// <summary>A free-text answer; <see cref="PersonId"/> is null in an anonymous survey.</summary>
[GenerateSerializer, Alias("coproduce.evaluation.TextAnswer"), Immutable]
public sealed record TextAnswer(string Text, Guid? PersonId);

/// <summary>The count for one question: options chosen, the scale's distribution and mean, or the words given.</summary>
[GenerateSerializer, Alias("coproduce.evaluation.QuestionResult")]
public sealed record QuestionResult(
    Guid QuestionId,
    QuestionKind Kind,
    int Answered,
    IReadOnlyList<OptionCount> Options,
    IReadOnlyList<ScaleCount> Scale,
    decimal? Mean,
    IReadOnlyList<TextAnswer> Texts);

/// <summary>The results of a survey.</summary>
[GenerateSerializer, Alias("coproduce.evaluation.SurveyResults")]
public sealed record SurveyResults(int Respondents, IReadOnlyList<QuestionResult> Questions);

/// <summary>
/// A survey as participants see it. <see cref="Results"/> is shown to facilitators at any time and to
/// everyone once the survey is closed; otherwise it is null. While an anonymous survey is open nobody,
/// facilitators included, sees results, and <see cref="Respondents"/> is null (not known yet, never a
/// real 0); they appear at close.
/// </summary>
[GenerateSerializer, Alias("coproduce.evaluation.SurveyView")]
public sealed record SurveyView(
    Guid Id,
    Guid ProjectId,
    string Title,
    string? Description,
    bool Anonymous,
    IReadOnlyList<SurveyQuestion> Questions,
    IReadOnlyList<Guid> DecisionIds,
    IReadOnlyList<Guid> ActionIds,
    SurveyStatus Status,
    int? Respondents,
    SurveyResults? Results,
    Guid CreatedBy,
    DateTimeOffset CreatedAt,
    Guid? ClosedBy,
    DateTimeOffset? ClosedAt);

/// <summary>A survey in a list; <see cref="Respondents"/> is null while an anonymous survey is open (not known until it closes).</summary>
[GenerateSerializer, Alias("coproduce.evaluation.SurveySummary"), Immutable]
public sealed record SurveySummary(Guid Id, string Title, bool Anonymous, SurveyStatus Status, int Questions, int? Respondents, DateTimeOffset CreatedAt);

/// <summary>A survey of a project's participants, keyed by its id; it records its project and a call naming another is told it does not exist.</summary>
[Alias("coproduce.evaluation.ISurveyGrain")]
public interface ISurveyGrain : IGrainWithGuidKey
{
    /// <summary>Creates the survey, open, in <paramref name="projectId"/> (facilitators).</summary>
    Task<Versioned<SurveyView>> Create(Actor actor, Guid projectId, SurveySpec spec);

    /// <summary>The survey for anyone who can see its project, with results for facilitators, and for everyone after close.</summary>
    [ReadOnly]
    Task<Versioned<SurveyView>> Get(Actor actor, Guid projectId);

    /// <summary>A short line for lists; the caller has already been let into the project.</summary>
    [ReadOnly]
    Task<SurveySummary?> Summary();

    /// <summary>Gives or replaces the caller's response (contributors and facilitators) while the survey is open.</summary>
    Task<MyResponse> Respond(Actor actor, Guid projectId, IReadOnlyList<Answer> answers);

    /// <summary>The caller's own response.</summary>
    [ReadOnly]
    Task<MyResponse> Mine(Actor actor, Guid projectId);

    /// <summary>Closes the survey (facilitators); results are then shown to everyone in the project.</summary>
    Task<Versioned<SurveyView>> Close(Actor actor, Guid projectId);
}
