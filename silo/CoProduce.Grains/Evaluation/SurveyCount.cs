namespace CoProduce.Grains.Evaluation;

/// <summary>Counts a survey's responses question by question.</summary>
internal static class SurveyCount
{
    public static SurveyResults Results(IReadOnlyList<SurveyQuestion> questions, IReadOnlyCollection<StoredResponse> responses) =>
        new(responses.Count, [.. questions.Select(q => Question(q, responses))]);

    private static QuestionResult Question(SurveyQuestion question, IReadOnlyCollection<StoredResponse> responses)
    {
        var answers = responses
            .SelectMany(r => r.Answers.Where(a => a.QuestionId == question.Id).Select(a => (Answer: a, r.PersonId)))
            .ToList();
        var options = question.Options
            .Select(o => new OptionCount(o.Id, o.Label, answers.Count(a => a.Answer.Choice == o.Id || (a.Answer.Choices?.Contains(o.Id) ?? false))))
            .ToList();
        var points = answers.Where(a => a.Answer.Scale is not null).Select(a => a.Answer.Scale!.Value).ToList();
        List<ScaleCount> scale = question.Kind == QuestionKind.Scale
            ? [.. Enumerable.Range(1, question.ScaleMax ?? 0).Select(p => new ScaleCount(p, question.ScaleLabels.ElementAtOrDefault(p - 1), points.Count(x => x == p)))]
            : [];
        decimal? mean = points.Count == 0 ? null : Math.Round((decimal)points.Sum() / points.Count, 2);
        // Without names the words are sorted, so their order does not hint at who answered first.
        List<TextAnswer> texts = [.. answers.Where(a => a.Answer.Text is not null).Select(a => new TextAnswer(a.Answer.Text!, a.PersonId))
            .OrderBy(t => t.PersonId is null ? t.Text : "", StringComparer.Ordinal)];
        return new QuestionResult(question.Id, question.Kind, answers.Count, options, scale, mean, texts);
    }
}
