namespace CoProduce.Grains.Agenda.Ranking;

/// <summary>
/// Orders items by repeated instant runoff: find the runoff winner among the items not yet placed, place
/// it, and run again without it, until every item has a place.
/// </summary>
/// <remarks>
/// One runoff: each ballot counts for its highest-ranked item still in the race; a ballot with none left
/// is exhausted and drops out. An item backed by more than half of the ballots still counting wins, as
/// does the last item standing. Otherwise the item with the fewest ballots is eliminated and its ballots
/// move on. Ties for fewest are broken by eliminating the latest proposal first, so among items nobody
/// ranked (or that tie all the way) the earlier proposal is placed first, as in a dot vote.
/// </remarks>
internal static class RankedChoiceOrder
{
    /// <param name="candidates">The items still on the agenda, earliest proposal first.</param>
    /// <param name="ballots">Each person's ordering, first choice first; partial orderings are fine, and
    /// anything not a candidate, or repeated, is skipped.</param>
    public static IReadOnlyList<Placement> Order(IReadOnlyList<Guid> candidates, IEnumerable<IReadOnlyList<Guid>> ballots)
    {
        var index = Candidates.Index(candidates);
        var preferences = ballots.Select(b => Preferences(b, index)).Where(p => p.Length > 0).ToList();
        var placed = new bool[candidates.Count];
        var order = new List<Placement>(candidates.Count);
        for (var round = 0; round < candidates.Count; round++)
        {
            var (winner, votes) = Runoff(preferences, placed);
            placed[winner] = true;
            order.Add(new Placement(candidates[winner], votes));
        }

        return order;
    }

    /// <summary>The instant-runoff winner among the candidates not yet placed, and its ballots in the deciding round.</summary>
    private static (int Winner, int Votes) Runoff(List<int[]> preferences, bool[] placed)
    {
        var outOfRace = (bool[])placed.Clone();
        var remaining = placed.Count(p => !p);
        var backers = new List<int>[placed.Length];
        for (var c = 0; c < backers.Length; c++)
        {
            backers[c] = [];
        }

        // Each ballot keeps a cursor on its current choice; it only ever moves forward within one runoff.
        var cursor = new int[preferences.Count];
        var counting = 0;
        for (var b = 0; b < preferences.Count; b++)
        {
            if (CountAtNextChoice(preferences[b], ref cursor[b], outOfRace, backers, b))
            {
                counting++;
            }
        }

        while (true)
        {
            int leader = -1, loser = -1;
            for (var c = 0; c < placed.Length; c++)
            {
                if (outOfRace[c])
                {
                    continue;
                }

                if (leader < 0 || backers[c].Count > backers[leader].Count)
                {
                    leader = c;
                }

                // "<=" so that among equally weak candidates the latest proposal is eliminated first.
                if (loser < 0 || backers[c].Count <= backers[loser].Count)
                {
                    loser = c;
                }
            }

            if (remaining == 1 || 2 * backers[leader].Count > counting)
            {
                return (leader, backers[leader].Count);
            }

            outOfRace[loser] = true;
            remaining--;
            foreach (var b in backers[loser])
            {
                if (!CountAtNextChoice(preferences[b], ref cursor[b], outOfRace, backers, b))
                {
                    counting--;
                }
            }

            backers[loser].Clear();
        }
    }

    /// <summary>Moves a ballot on to its best choice still in the race and counts it there; false when it is exhausted.</summary>
    private static bool CountAtNextChoice(int[] preference, ref int cursor, bool[] outOfRace, List<int>[] backers, int ballot)
    {
        while (cursor < preference.Length && outOfRace[preference[cursor]])
        {
            cursor++;
        }

        if (cursor == preference.Length)
        {
            return false;
        }

        backers[preference[cursor]].Add(ballot);
        return true;
    }

    private static int[] Preferences(IReadOnlyList<Guid> ballot, Dictionary<Guid, int> index)
    {
        var seen = new HashSet<int>();
        return [.. ballot.Select(item => index.TryGetValue(item, out var i) ? i : -1).Where(i => i >= 0 && seen.Add(i))];
    }
}
