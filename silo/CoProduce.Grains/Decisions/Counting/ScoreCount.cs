namespace CoProduce.Grains.Decisions.Counting;

/// <summary>
/// Score: every ballot scores every option, so each option's total and mean are over the same people
/// and order the options the same way. Options are placed by total (exact integers); the mean is shown
/// to two decimal places. Options level on the highest total all win (a tie).
/// </summary>
internal static class ScoreCount
{
    public static Count Tally(IReadOnlyList<DecisionOption> options, IReadOnlyCollection<Ballot> ballots)
    {
        var totals = options.ToDictionary(o => o.Id, _ => 0L);
        var scorers = options.ToDictionary(o => o.Id, _ => 0);
        foreach (var ballot in ballots)
        {
            foreach (var (option, score) in ballot.Scores ?? new Dictionary<Guid, int>())
            {
                if (totals.ContainsKey(option))
                {
                    totals[option] += score;
                    scorers[option]++;
                }
            }
        }

        var placed = Standings.Place(
            options,
            o => (totals[o.Id], 0),
            (o, p) => new OptionResult(o.Id, o.Label, p, totals[o.Id], scorers[o.Id], Mean(totals[o.Id], scorers[o.Id])));
        return Count.Of(placed, Standings.Winners(placed, ballots.Count > 0));
    }

    private static decimal? Mean(long total, int scorers) =>
        scorers == 0 ? null : Math.Round((decimal)total / scorers, 2, MidpointRounding.AwayFromZero);
}
