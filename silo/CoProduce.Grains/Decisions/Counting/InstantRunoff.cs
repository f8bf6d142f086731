namespace CoProduce.Grains.Decisions.Counting;

/// <summary>
/// Ranked choice by instant runoff, to a single winner unless the options left are truly level.
/// </summary>
/// <remarks>
/// Each round, every ballot counts for its highest-ranked option still standing; a ballot with none
/// left is exhausted. An option with more than half of the ballots still counting wins, as does the last
/// one standing. Otherwise the option with the fewest votes is eliminated. When several tie for the
/// fewest, the earlier rounds are looked at, latest first, and the one that had fewer votes there goes
/// ("EarlierRound"); if they were level in every round, the one listed last goes ("ListedLast"), and
/// the round says so. When every option still standing has the same votes and no earlier round tells
/// them apart, they are reported as a tie rather than separated by their listing.
/// </remarks>
internal static class InstantRunoff
{
    public const string EarlierRound = "EarlierRound";
    public const string ListedLast = "ListedLast";

    public static Count Tally(IReadOnlyList<DecisionOption> options, IEnumerable<Ballot> ballots)
    {
        var index = options.Select((o, i) => (o.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var preferences = ballots.Select(b => Preferences(b.Ranking ?? [], index)).Where(p => p.Length > 0).ToList();
        if (preferences.Count == 0)
        {
            var level = Standings.Place(options, _ => (0, 0), (o, p) => new OptionResult(o.Id, o.Label, p, 0, 0));
            return Count.Of(level, []);
        }

        var standing = new List<int>(Enumerable.Range(0, options.Count));
        var history = new List<int[]>();
        var rounds = new List<RunoffRound>();
        var eliminated = new List<(int Option, int Votes)>();
        while (true)
        {
            var (votes, exhausted) = CountRound(preferences, standing, options.Count);
            history.Add(votes);
            var counting = preferences.Count - exhausted;
            var leader = standing.MaxBy(o => votes[o]);
            List<int>? winners = null;
            int? loser = null;
            string? tieBreak = null;
            if (standing.Count == 1 || 2 * votes[leader] > counting)
            {
                winners = [leader];
            }
            else
            {
                var fewest = standing.Min(o => votes[o]);
                var weakest = standing.Where(o => votes[o] == fewest).ToList();
                (loser, tieBreak) = weakest.Count == 1 ? (weakest[0], null) : BreakTie(weakest, history);
                if (weakest.Count == standing.Count && tieBreak == ListedLast)
                {
                    (winners, loser, tieBreak) = (standing, null, null);
                }
            }

            rounds.Add(new RunoffRound(
                rounds.Count + 1,
                standing.ToDictionary(o => options[o].Id, o => votes[o]),
                exhausted,
                loser is { } l ? options[l].Id : null,
                tieBreak));
            if (winners is not null)
            {
                return Result(options, history, winners, eliminated, rounds);
            }

            eliminated.Add((loser!.Value, votes[loser.Value]));
            standing.Remove(loser.Value);
        }
    }

    private static (int[] Votes, int Exhausted) CountRound(List<int[]> preferences, List<int> standing, int optionCount)
    {
        var inRace = new bool[optionCount];
        standing.ForEach(o => inRace[o] = true);
        var votes = new int[optionCount];
        var exhausted = 0;
        foreach (var preference in preferences)
        {
            var at = Array.FindIndex(preference, o => inRace[o]);
            if (at >= 0)
            {
                votes[preference[at]]++;
            }
            else
            {
                exhausted++;
            }
        }

        return (votes, exhausted);
    }

    /// <summary>Which of the options tied for fewest goes: fewer votes in the latest earlier round that tells them apart, else the one listed last.</summary>
    private static (int Loser, string TieBreak) BreakTie(List<int> tied, List<int[]> history)
    {
        var candidates = tied;
        for (var round = history.Count - 2; round >= 0; round--)
        {
            var fewest = candidates.Min(o => history[round][o]);
            candidates = [.. candidates.Where(o => history[round][o] == fewest)];
            if (candidates.Count == 1)
            {
                return (candidates[0], EarlierRound);
            }
        }

        return (candidates.Max(), ListedLast);
    }

    private static Count Result(
        IReadOnlyList<DecisionOption> options, List<int[]> history, List<int> winners, List<(int Option, int Votes)> eliminated, List<RunoffRound> rounds)
    {
        var final = history[^1];
        var firstRound = history[0];
        var placed = winners.Select(w => new OptionResult(options[w].Id, options[w].Label, 1, final[w], firstRound[w])).ToList();

        // Options still standing behind the winner are placed by their votes in the last round, level ones together.
        var behind = Enumerable.Range(0, options.Count)
            .Where(o => !winners.Contains(o) && !eliminated.Exists(e => e.Option == o))
            .OrderByDescending(o => final[o]);
        foreach (var option in behind)
        {
            var position = placed[^1].Position != 1 && placed[^1].Score == final[option] ? placed[^1].Position : placed.Count + 1;
            placed.Add(new OptionResult(options[option].Id, options[option].Label, position, final[option], firstRound[option]));
        }

        for (var i = eliminated.Count - 1; i >= 0; i--)
        {
            var (option, votes) = eliminated[i];
            placed.Add(new OptionResult(options[option].Id, options[option].Label, placed.Count + 1, votes, firstRound[option]));
        }

        return new Count(placed, [.. winners.Select(w => options[w].Id)], rounds);
    }

    private static int[] Preferences(IReadOnlyList<Guid> ranking, Dictionary<Guid, int> index)
    {
        var seen = new HashSet<int>();
        return [.. ranking.Select(o => index.TryGetValue(o, out var i) ? i : -1).Where(i => i >= 0 && seen.Add(i))];
    }
}
