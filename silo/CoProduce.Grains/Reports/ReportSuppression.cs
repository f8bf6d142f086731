using CoProduce.Grains.Representation;

namespace CoProduce.Grains.Reports;

/// <summary>
/// Suppresses the small counts of people with lived experience in a report before anyone reads it, by the
/// aggregates' rule (<see cref="Suppression.SafeShare"/>): a month whose total, or whose count less its total,
/// is 1 to 4 is hidden, and so are further months, smallest first, until the hidden months together are safe
/// too, since the figure for all time less the shown months would give them back. When every month is hidden
/// and together they are still unsafe, the figure for all time is hidden as well.
/// </summary>
public static class ReportSuppression
{
    public static PowerBalanceReport Apply(PowerBalanceReport report) => report with
    {
        Sections = [.. report.Sections.Select(s => s with { Measures = [.. s.Measures.Select(m => m.CountsPeople ? Apply(m) : m)] })],
    };

    private static ReportMeasure Apply(ReportMeasure measure)
    {
        var hidden = measure.ByMonth.Where(p => !Safe(p)).ToList();
        var shown = measure.ByMonth.Where(Safe).OrderBy(p => p.Count).ThenBy(p => p.Period, StringComparer.Ordinal).ToList();
        while (hidden.Count > 0 && shown.Count > 0 && !Suppression.SafeShare(hidden.Sum(p => p.Total ?? 0), hidden.Sum(p => p.Count)))
        {
            hidden.Add(shown[0]);
            shown.RemoveAt(0);
        }

        var periods = hidden.Select(p => p.Period).ToHashSet(StringComparer.Ordinal);
        List<MeasurePoint> months = [.. measure.ByMonth.Select(p => periods.Contains(p.Period) ? Hide(p) : p)];
        return Suppression.SafeShare(measure.Total ?? 0, measure.Count)
            ? measure with { ByMonth = months }
            : measure with { Total = null, Suppressed = Suppression.SmallCountReason, ByMonth = months };
    }

    private static bool Safe(MeasurePoint point) => Suppression.SafeShare(point.Total ?? 0, point.Count);

    private static MeasurePoint Hide(MeasurePoint point) => point with { Total = null, Suppressed = Suppression.SmallCountReason };
}
