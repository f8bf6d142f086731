using CoProduce.Gateway.Api;
using CoProduce.Grains.Evaluation;

namespace CoProduce.Gateway.Evaluation;

/// <summary>A survey to put to the project's participants.</summary>
/// <param name="Title">What the survey is about, up to 200 characters.</param>
/// <param name="Questions">1-50 questions.</param>
/// <param name="Description">More detail, up to 4,000 characters.</param>
/// <param name="Anonymous">Nobody, staff included, can see who answered what; free-text answers are shown without names; results and counts only once it closes.</param>
/// <param name="DecisionIds">Decisions of this project the survey is evidence for (up to 50).</param>
/// <param name="ActionIds">Actions the survey is evidence for (up to 50 ids).</param>
[ApiExample("""{"title":"How was night-time support this month?","anonymous":true,"questions":[{"text":"How easy was it to get help at night?","kind":"Scale","required":true,"scaleMax":5,"scaleLabels":["Very hard","Hard","OK","Easy","Very easy"]},{"text":"Who answered?","kind":"SingleChoice","required":true,"options":["A carer","A nurse","Nobody"]},{"text":"Anything else?","kind":"FreeText","required":false}]}""")]
public sealed record SurveyRequest(
    string Title,
    IReadOnlyList<QuestionRequest> Questions,
    string? Description = null,
    bool? Anonymous = null,
    IReadOnlyList<Guid>? DecisionIds = null,
    IReadOnlyList<Guid>? ActionIds = null)
{
    public SurveySpec ToSpec() => new(
        Title,
        Description,
        Anonymous ?? false,
        [.. (Questions ?? []).Select(q => q?.ToSpec()!)],
        DecisionIds ?? [],
        ActionIds ?? []);
}

/// <summary>One question of a survey.</summary>
/// <param name="Text">The question, up to 4,000 characters.</param>
/// <param name="Kind">Scale, SingleChoice, MultipleChoice or FreeText.</param>
/// <param name="Required">Whether every response must answer it (default false).</param>
/// <param name="ScaleMax">Scale only: the top of the scale, 2-10 (the bottom is 1).</param>
/// <param name="ScaleLabels">Scale only: a label for every point, lowest first (optional).</param>
/// <param name="Options">Choice questions only: 2-20 different options.</param>
[ApiExample("""{"text":"How easy was it to get help at night?","kind":"Scale","required":true,"scaleMax":5}""")]
public sealed record QuestionRequest(
    string Text,
    QuestionKind Kind,
    bool? Required = null,
    int? ScaleMax = null,
    IReadOnlyList<string>? ScaleLabels = null,
    IReadOnlyList<string>? Options = null)
{
    public QuestionSpec ToSpec() => new(Text, Kind, Required ?? false, ScaleMax, ScaleLabels, Options);
}

/// <summary>Your response, replacing any you gave before; answer each question at most once.</summary>
/// <param name="Answers">One answer per question answered; required questions must be among them.</param>
[ApiExample("""{"answers":[{"questionId":"3f1c2d9e-5b7a-4c1e-9a0b-2d4e6f8a1b3c","scale":4},{"questionId":"7a9b1c3d-5e7f-4a1b-8c2d-4e6f8a0b2c4d","choice":"0b2c4d6e-8f0a-4b2c-9d4e-6f8a0b2c4d6e"}]}""")]
public sealed record SurveyResponseRequest(IReadOnlyList<AnswerRequest> Answers)
{
    public IReadOnlyList<Answer> ToAnswers() => [.. (Answers ?? []).Select(a => a?.ToAnswer()!)];
}

/// <summary>An answer to one question; give only the part for its kind.</summary>
/// <param name="QuestionId">The question answered.</param>
/// <param name="Scale">Scale: a whole number from 1 to the question's top.</param>
/// <param name="Choice">SingleChoice: the option id.</param>
/// <param name="Choices">MultipleChoice: option ids, each at most once.</param>
/// <param name="Text">FreeText: your words, up to 4,000 characters.</param>
[ApiExample("""{"questionId":"3f1c2d9e-5b7a-4c1e-9a0b-2d4e6f8a1b3c","scale":4}""")]
public sealed record AnswerRequest(Guid QuestionId, int? Scale = null, Guid? Choice = null, IReadOnlyList<Guid>? Choices = null, string? Text = null)
{
    public Answer ToAnswer() => new(QuestionId, Scale, Choice, Choices, Text);
}
