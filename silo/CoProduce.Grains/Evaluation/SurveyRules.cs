using CoProduce.Grains.Common;

namespace CoProduce.Grains.Evaluation;

/// <summary>Checks a survey as written and the answers given to it; anything wrong is a 400 naming the field.</summary>
internal static class SurveyRules
{
    public const int MaxQuestions = 50;
    private const int MaxOptions = 20;
    private const int MaxScale = 10;
    private const int MaxLinks = 50;

    public static (string Title, string? Description, List<SurveyQuestion> Questions, List<Guid> DecisionIds, List<Guid> ActionIds) Check(SurveySpec spec)
    {
        var title = Text.Required(spec.Title, "title");
        var description = Text.Optional(spec.Description, "description");
        var questions = spec.Questions ?? [];
        if (questions.Count is 0 or > MaxQuestions)
        {
            throw DomainException.Invalid("questions", $"A survey has 1-{MaxQuestions} questions.");
        }

        return (title, description, [.. questions.Select((q, i) => Question(q, $"questions[{i}]"))], Links(spec.DecisionIds, "decisionIds"), Links(spec.ActionIds, "actionIds"));
    }

    public static List<Answer> Check(IReadOnlyList<SurveyQuestion> questions, IReadOnlyList<Answer>? answers)
    {
        var given = answers ?? [];
        if (given.Count > questions.Count)
        {
            throw DomainException.Invalid("answers", "There are more answers than questions.");
        }

        var byQuestion = new Dictionary<Guid, Answer>();
        for (var i = 0; i < given.Count; i++)
        {
            var answer = given[i] ?? throw DomainException.Invalid($"answers[{i}]", "An answer may not be null.");
            var question = questions.FirstOrDefault(q => q.Id == answer.QuestionId)
                ?? throw DomainException.Invalid($"answers[{i}].questionId", "This is not a question of the survey.");
            if (!byQuestion.TryAdd(question.Id, Answer(question, answer, $"answers[{i}]")))
            {
                throw DomainException.Invalid($"answers[{i}].questionId", "Each question is answered at most once.");
            }
        }

        var missing = questions.FirstOrDefault(q => q.Required && !byQuestion.ContainsKey(q.Id));
        if (missing is not null)
        {
            throw DomainException.Invalid("answers", $"The question \"{missing.Text}\" needs an answer.");
        }

        // Kept in the survey's order of questions, whatever order they came in.
        return [.. questions.Where(q => byQuestion.ContainsKey(q.Id)).Select(q => byQuestion[q.Id])];
    }

    private static SurveyQuestion Question(QuestionSpec? spec, string field)
    {
        if (spec is null)
        {
            throw DomainException.Invalid(field, "A question may not be null.");
        }

        var text = Text.Required(spec.Text, $"{field}.text", Text.ParagraphLength);
        var labels = Text.List(spec.ScaleLabels, $"{field}.scaleLabels", MaxScale, Text.NameLength);
        var options = Text.List(spec.Options, $"{field}.options", MaxOptions, Text.NameLength);
        var isChoice = spec.Kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;
        if (spec.Kind == QuestionKind.Scale)
        {
            if (spec.ScaleMax is not (>= 2 and <= MaxScale))
            {
                throw DomainException.Invalid($"{field}.scaleMax", $"A scale runs from 1 to 2-{MaxScale}.");
            }

            if (labels.Count != 0 && labels.Count != spec.ScaleMax)
            {
                throw DomainException.Invalid($"{field}.scaleLabels", "Give a label for every point of the scale, or none.");
            }
        }
        else if (spec.ScaleMax is not null || labels.Count != 0)
        {
            throw DomainException.Invalid($"{field}.scaleMax", "Only scale questions have a scale.");
        }

        if (isChoice && (options.Count < 2 || options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count))
        {
            throw DomainException.Invalid($"{field}.options", $"A choice question has 2-{MaxOptions} different options.");
        }

        if (!isChoice && options.Count != 0)
        {
            throw DomainException.Invalid($"{field}.options", "Only choice questions have options.");
        }

        return new SurveyQuestion(
            Guid.NewGuid(), text, spec.Kind, spec.Required, spec.ScaleMax, labels,
            [.. options.Select(o => new SurveyOption(Guid.NewGuid(), o))]);
    }

    private static Answer Answer(SurveyQuestion question, Answer answer, string field)
    {
        var onlyScale = answer.Choice is null && answer.Choices is null && answer.Text is null;
        var onlyChoice = answer.Scale is null && answer.Choices is null && answer.Text is null;
        var onlyChoices = answer.Scale is null && answer.Choice is null && answer.Text is null;
        var onlyText = answer.Scale is null && answer.Choice is null && answer.Choices is null;
        switch (question.Kind)
        {
            case QuestionKind.Scale when onlyScale && answer.Scale is { } point:
                return point >= 1 && point <= question.ScaleMax
                    ? new Answer(question.Id, Scale: point)
                    : throw DomainException.Invalid($"{field}.scale", $"The answer must be from 1 to {question.ScaleMax}.");
            case QuestionKind.SingleChoice when onlyChoice && answer.Choice is { } choice:
                return question.Options.Any(o => o.Id == choice)
                    ? new Answer(question.Id, Choice: choice)
                    : throw DomainException.Invalid($"{field}.choice", "This is not an option of the question.");
            case QuestionKind.MultipleChoice when onlyChoices && answer.Choices is { } choices:
                if (choices.Distinct().Count() != choices.Count || !choices.All(c => question.Options.Any(o => o.Id == c)))
                {
                    throw DomainException.Invalid($"{field}.choices", "Choose options of the question, each at most once.");
                }

                return new Answer(question.Id, Choices: [.. question.Options.Where(o => choices.Contains(o.Id)).Select(o => o.Id)]);
            case QuestionKind.FreeText when onlyText:
                return new Answer(question.Id, Text: Text.Required(answer.Text, $"{field}.text", Text.ParagraphLength));
            default:
                throw DomainException.Invalid(field, $"A {question.Kind} question takes {Expected(question.Kind)} and nothing else.");
        }
    }

    private static string Expected(QuestionKind kind) => kind switch
    {
        QuestionKind.Scale => "scale",
        QuestionKind.SingleChoice => "choice",
        QuestionKind.MultipleChoice => "choices",
        _ => "text",
    };

    private static List<Guid> Links(IReadOnlyList<Guid>? ids, string field)
    {
        var list = (ids ?? []).Distinct().ToList();
        if (list.Count > MaxLinks)
        {
            throw DomainException.Invalid(field, $"{field} may have at most {MaxLinks} entries.");
        }

        return list.Contains(Guid.Empty) ? throw DomainException.Invalid(field, "An id may not be empty.") : list;
    }
}
