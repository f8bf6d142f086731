namespace CoProduce.Grains.Agenda.Ranking;

/// <summary>
/// Orders items by their total dots, most first. Equal totals keep proposal order (the earlier
/// proposal first), so an item never jumps ahead just by being proposed late.
/// </summary>
internal static class DotVoteTally
{
    /// <param name="candidates">The items still on the agenda, earliest proposal first.</param>
    /// <param name="ballots">Each person's dots per item; dots on anything but a candidate are ignored.</param>
    public static IReadOnlyList<Placement> Order(IReadOnlyList<Guid> candidates, IEnumerable<IReadOnlyDictionary<Guid, int>> ballots)
    {
        var index = Candidates.Index(candidates);
        var totals = new long[candidates.Count];
        foreach (var ballot in ballots)
        {
            foreach (var (item, dots) in ballot)
            {
                if (dots > 0 && index.TryGetValue(item, out var i))
                {
                    totals[i] += dots;
                }
            }
        }

        return [.. Enumerable.Range(0, candidates.Count)
            .OrderByDescending(i => totals[i])
            .ThenBy(i => i)
            .Select(i => new Placement(candidates[i], totals[i]))];
    }
}
