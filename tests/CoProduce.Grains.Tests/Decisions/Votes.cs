using CoProduce.Grains.Decisions;

namespace CoProduce.Grains.Tests.Decisions;

/// <summary>Named options for readable cases (listed A, B, C, D) and ballot builders.</summary>
internal static class Votes
{
    public static readonly DecisionOption A = new(new("00000000-0000-0000-0000-00000000000a"), "A");
    public static readonly DecisionOption B = new(new("00000000-0000-0000-0000-00000000000b"), "B");
    public static readonly DecisionOption C = new(new("00000000-0000-0000-0000-00000000000c"), "C");
    public static readonly DecisionOption D = new(new("00000000-0000-0000-0000-00000000000d"), "D");

    public static IReadOnlyList<DecisionOption> Abc => [A, B, C];

    public static IEnumerable<Ballot> Times(int count, Ballot ballot) => Enumerable.Repeat(ballot, count);

    public static Ballot Consent(ConsentPosition position, string? reason = null) => new(Position: position, Reason: reason);

    public static Ballot Choose(DecisionOption option) => new(Choice: option.Id);

    public static Ballot Rank(params DecisionOption[] order) => new(Ranking: [.. order.Select(o => o.Id)]);

    public static Ballot Dots(params (DecisionOption Option, int Count)[] dots) => new(Dots: dots.ToDictionary(d => d.Option.Id, d => d.Count));

    public static Ballot Scores(params (DecisionOption Option, int Score)[] scores) => new(Scores: scores.ToDictionary(s => s.Option.Id, s => s.Score));

    public static Ballot Available(params (DecisionOption Option, Availability Answer)[] answers) =>
        new(Availability: answers.ToDictionary(a => a.Option.Id, a => a.Answer));

    public static List<Ballot> Of(params IEnumerable<Ballot>[] groups) => [.. groups.SelectMany(g => g)];

    /// <summary>Option labels with their places, e.g. "B1 A2 C2".</summary>
    public static string Places(IEnumerable<OptionResult> results) => string.Join(' ', results.Select(r => $"{r.Label}{r.Position}"));
}
