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
}
