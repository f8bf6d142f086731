namespace CoProduce.Grains.Decisions.Counting;

/// <summary>Dot vote: each option's total dots; the most dots wins, and options level on the most all win (a tie).</summary>
internal static class DotVoteCount
{
    public static Count Tally(IReadOnlyList<DecisionOption> options, IEnumerable<Ballot> ballots)
    {
        var dots = options.ToDictionary(o => o.Id, _ => 0);
        var backers = options.ToDictionary(o => o.Id, _ => 0);
        foreach (var ballot in ballots)
        {
            foreach (var (option, count) in ballot.Dots ?? new Dictionary<Guid, int>())
            {
                if (count > 0 && dots.ContainsKey(option))
                {
                    dots[option] += count;
                    backers[option]++;
                }
            }
        }

        var placed = Standings.Place(options, o => (dots[o.Id], 0), (o, p) => new OptionResult(o.Id, o.Label, p, dots[o.Id], backers[o.Id]));
        return Count.Of(placed, Standings.Winners(placed, dots.Values.Any(d => d > 0)));
    }
}
