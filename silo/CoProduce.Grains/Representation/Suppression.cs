namespace CoProduce.Grains.Representation;

/// <summary>
/// Small-cell suppression for aggregates. A cell of fewer than the threshold is hidden (primary
/// suppression). Because the total is known (everyone can count the contributors), hiding one cell is
/// not enough: the total minus the shown cells would give it back. So further cells are hidden,
/// smallest first (complementary suppression), until the hidden cells together hold at least the
/// threshold and there are at least two of them, or nothing is left to show. Empty cells are never shown.
/// </summary>
internal static class Suppression
{
    public const int Threshold = 5;

    public static (IReadOnlyList<AggregateCell> Shown, bool Suppressed) Apply(IEnumerable<AggregateCell> cells, int threshold = Threshold)
    {
        var present = cells.Where(c => c.Count > 0).ToList();
        var hidden = present.Where(c => c.Count < threshold).ToList();
        var shown = present.Where(c => c.Count >= threshold)
            .OrderBy(c => c.Count)
            .ThenBy(c => c.Label, StringComparer.Ordinal)
            .ToList();
        while (hidden.Count > 0 && shown.Count > 0 && (hidden.Count == 1 || hidden.Sum(c => c.Count) < threshold))
        {
            hidden.Add(shown[0]);
            shown.RemoveAt(0);
        }

        List<AggregateCell> ordered = [.. shown.OrderByDescending(c => c.Count).ThenBy(c => c.NotGiven).ThenBy(c => c.Label, StringComparer.Ordinal)];
        return (ordered, hidden.Count > 0);
    }

    /// <summary>A count that may be shown on its own: at least the threshold, or none at all; otherwise null.</summary>
    public static int? Safe(int count, int threshold = Threshold) => count == 0 || count >= threshold ? count : null;

    /// <summary>Why a count of people with lived experience reads null: the same rule as the aggregates' cells.</summary>
    public const string SmallCountReason = "Fewer than 5 people with lived experience, or fewer than 5 without it: a smaller count could single someone out.";

    /// <summary>
    /// Whether <paramref name="part"/> people of <paramref name="total"/> (voters with lived experience of all voters,
    /// say) may be shown: the part and the rest (total less part) are each none or at least the threshold. Where the
    /// total and its members are known (a named decision lists its voters), a small rest isolates people as much as a
    /// small part does.
    /// </summary>
    public static bool SafeShare(decimal part, decimal total, int threshold = Threshold) =>
        Safe(part, threshold) && Safe(total - part, threshold);

    private static bool Safe(decimal count, int threshold) => count == 0 || count >= threshold;
}
