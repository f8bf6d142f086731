namespace CoProduce.Grains.Decisions.Counting;

/// <summary>
/// Places options by a score, highest first. Options with equal scores share a place (1, 1, 3), so a
/// tie stays visible; among them the options keep the order the facilitator listed them in.
/// </summary>
internal static class Standings
{
    /// <param name="options">The options in listed order.</param>
    /// <param name="key">The measure to order by; the second part separates equal first parts (time poll: yes, then maybe).</param>
    /// <param name="result">Builds an option's result at its place.</param>
    public static List<OptionResult> Place(
        IReadOnlyList<DecisionOption> options,
        Func<DecisionOption, (decimal First, decimal Second)> key,
        Func<DecisionOption, int, OptionResult> result)
    {
        var keyed = options.Select((o, i) => (Option: o, Key: key(o), Listed: i))
            .OrderByDescending(x => x.Key.First)
            .ThenByDescending(x => x.Key.Second)
            .ThenBy(x => x.Listed)
            .ToList();
        var placed = new List<OptionResult>(keyed.Count);
        for (var i = 0; i < keyed.Count; i++)
        {
            var position = i > 0 && keyed[i].Key == keyed[i - 1].Key ? placed[i - 1].Position : i + 1;
            placed.Add(result(keyed[i].Option, position));
        }

        return placed;
    }

    /// <summary>Every option in first place, when <paramref name="anyVotes"/>; with no votes nobody has won.</summary>
    public static List<Guid> Winners(IReadOnlyList<OptionResult> placed, bool anyVotes) =>
        anyVotes ? [.. placed.Where(p => p.Position == 1).Select(p => p.OptionId)] : [];
}
