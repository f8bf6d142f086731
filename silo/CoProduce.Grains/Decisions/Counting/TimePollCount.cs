namespace CoProduce.Grains.Decisions.Counting;

/// <summary>
/// Time poll: for each time, how many said yes and how many maybe. The best time has the most yes
/// answers, then the most maybes; times level on both all win (a tie). With no yes or maybe anywhere,
/// no time works and nothing wins.
/// </summary>
internal static class TimePollCount
{
    public static Count Tally(IReadOnlyList<DecisionOption> options, IEnumerable<Ballot> ballots)
    {
        var yes = options.ToDictionary(o => o.Id, _ => 0);
        var maybe = options.ToDictionary(o => o.Id, _ => 0);
        foreach (var ballot in ballots)
        {
            foreach (var (option, answer) in ballot.Availability ?? new Dictionary<Guid, Availability>())
            {
                if (!yes.ContainsKey(option))
                {
                    continue;
                }

                if (answer == Availability.Yes)
                {
                    yes[option]++;
                }
                else if (answer == Availability.Maybe)
                {
                    maybe[option]++;
                }
            }
        }

        var placed = Standings.Place(
            options,
            o => (yes[o.Id], maybe[o.Id]),
            (o, p) => new OptionResult(o.Id, o.Label, p, yes[o.Id], yes[o.Id] + maybe[o.Id], Maybe: maybe[o.Id]));
        return Count.Of(placed, Standings.Winners(placed, yes.Values.Any(v => v > 0) || maybe.Values.Any(v => v > 0)));
    }
}
