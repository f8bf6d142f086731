namespace CoProduce.Grains.Decisions.Counting;

/// <summary>Choose one: the option with the most votes wins; options level on the most votes are all reported as winners (a tie).</summary>
internal static class PluralityCount
{
    public static Count Tally(IReadOnlyList<DecisionOption> options, IEnumerable<Ballot> ballots)
    {
        var votes = options.ToDictionary(o => o.Id, _ => 0);
        foreach (var ballot in ballots)
        {
            if (ballot.Choice is { } choice && votes.TryGetValue(choice, out var sofar))
            {
                votes[choice] = sofar + 1;
            }
        }

        var placed = Standings.Place(options, o => (votes[o.Id], 0), (o, p) => new OptionResult(o.Id, o.Label, p, votes[o.Id], votes[o.Id]));
        return Count.Of(placed, Standings.Winners(placed, votes.Values.Any(v => v > 0)));
    }
}
