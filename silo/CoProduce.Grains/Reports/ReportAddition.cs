namespace CoProduce.Grains.Reports;

/// <summary>
/// Adds projects' reports together: sections and measures by key, months by period, detail rows one after another.
/// It adds reports as computed, before small counts are suppressed (<see cref="ReportSuppression"/>).
/// </summary>
public static class ReportAddition
{
    public static IReadOnlyList<ReportSectionResult> Sum(IReadOnlyList<PowerBalanceReport> reports)
    {
        var sections = new List<ReportSectionResult>();
        foreach (var section in reports.SelectMany(r => r.Sections))
        {
            var index = sections.FindIndex(s => s.Key == section.Key);
            if (index < 0)
            {
                sections.Add(section);
            }
            else
            {
                sections[index] = Sum(sections[index], section);
            }
        }

        return sections;
    }

    private static ReportSectionResult Sum(ReportSectionResult a, ReportSectionResult b)
    {
        var measures = a.Measures.ToList();
        foreach (var measure in b.Measures)
        {
            var index = measures.FindIndex(m => m.Key == measure.Key);
            if (index < 0)
            {
                measures.Add(measure);
            }
            else
            {
                measures[index] = Sum(measures[index], measure);
            }
        }

        var columns = a.Details.Columns.Count > 0 ? a.Details.Columns : b.Details.Columns;
        return a with { Measures = measures, Details = new ReportTable(columns, [.. a.Details.Rows, .. b.Details.Rows]) };
    }

    private static ReportMeasure Sum(ReportMeasure a, ReportMeasure b)
    {
        List<MeasurePoint> months = [.. a.ByMonth.Concat(b.ByMonth)
            .GroupBy(p => p.Period, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new MeasurePoint(g.Key, g.Sum(p => p.Total ?? 0), g.Sum(p => p.Count)))];
        return a with { Total = (a.Total ?? 0) + (b.Total ?? 0), Count = a.Count + b.Count, ByMonth = months };
    }
}
