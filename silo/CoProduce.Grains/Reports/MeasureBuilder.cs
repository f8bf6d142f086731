namespace CoProduce.Grains.Reports;

/// <summary>
/// Adds observations up into a measure, overall and by the month each happened in. <paramref name="countsPeople"/>
/// marks a share of people with lived experience, which the report publishes only in releases (<see cref="ReportRelease"/>).
/// </summary>
public sealed class MeasureBuilder(string key, string label, MeasureKind kind, bool countsPeople = false)
{
    private readonly SortedDictionary<string, Month> _months = new(StringComparer.Ordinal);
    private decimal _total;
    private int _count;

    /// <summary>One observation: for a share, 1 when it counts and 0 when it does not.</summary>
    public void Add(DateTimeOffset at, decimal value) => Add(at, value, 1);

    /// <summary>
    /// Several observations at once: <paramref name="total"/> of <paramref name="count"/> (say, 3 of 5 voters).
    /// <paramref name="shownAlone"/> says that these figures are already published on their own (a decision's own
    /// count), so the report adds them to the figures without waiting for a release.
    /// </summary>
    public void Add(DateTimeOffset at, decimal total, int count, bool shownAlone = false)
    {
        _total += total;
        _count += count;
        var month = Months.Of(at);
        var m = _months.GetValueOrDefault(month);
        _months[month] = shownAlone
            ? m with { Total = m.Total + total, Count = m.Count + count, AloneTotal = m.AloneTotal + total, AloneCount = m.AloneCount + count }
            : m with { Total = m.Total + total, Count = m.Count + count };
    }

    public void Add(DateTimeOffset at, bool counts) => Add(at, counts ? 1m : 0m);

    public ReportMeasure Build() => new(
        key, label, kind, _total, _count,
        [.. _months.Select(m => new MeasurePoint(m.Key, m.Value.Total, m.Value.Count, null, m.Value.AloneTotal, m.Value.AloneCount))],
        countsPeople);

    private readonly record struct Month(decimal Total, int Count, decimal AloneTotal, int AloneCount);
}
