namespace CoProduce.Grains.Reports;

/// <summary>
/// Adds observations up into a measure, overall and by the month each happened in. <paramref name="countsPeople"/>
/// marks a share of people with lived experience, whose small totals the report suppresses.
/// </summary>
public sealed class MeasureBuilder(string key, string label, MeasureKind kind, bool countsPeople = false)
{
    private readonly SortedDictionary<string, (decimal Total, int Count)> _months = new(StringComparer.Ordinal);
    private decimal _total;
    private int _count;

    /// <summary>One observation: for a share, 1 when it counts and 0 when it does not.</summary>
    public void Add(DateTimeOffset at, decimal value) => Add(at, value, 1);

    /// <summary>Several observations at once: <paramref name="total"/> of <paramref name="count"/> (say, 3 of 5 voters).</summary>
    public void Add(DateTimeOffset at, decimal total, int count)
    {
        _total += total;
        _count += count;
        var month = Months.Of(at);
        var (monthTotal, monthCount) = _months.GetValueOrDefault(month);
        _months[month] = (monthTotal + total, monthCount + count);
    }

    public void Add(DateTimeOffset at, bool counts) => Add(at, counts ? 1m : 0m);

    public ReportMeasure Build() =>
        new(key, label, kind, _total, _count, [.. _months.Select(m => new MeasurePoint(m.Key, m.Value.Total, m.Value.Count))], countsPeople);
}
