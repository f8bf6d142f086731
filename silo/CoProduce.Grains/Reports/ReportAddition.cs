namespace CoProduce.Grains.Reports;

/// <summary>
/// Adds projects' published reports together: sections and measures by key, months by period, detail rows one after
/// another. A figure a project has not published (its total null) adds nothing but its note: the sum holds only what
/// the projects published, and its count is theirs; when none of them published anything for it, the total stays null
/// and the count is how many there are, as in each project's report.
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
            .Select(g => g.Aggregate((x, y) =>
            {
                var (total, count, note) = Add((x.Total, x.Count, x.Suppressed), (y.Total, y.Count, y.Suppressed));
                return new MeasurePoint(g.Key, total, count, note);
            }))];
        var (allTotal, allCount, allNote) = Add((a.Total, a.Count, a.Suppressed), (b.Total, b.Count, b.Suppressed));
        return a with { Total = allTotal, Count = allCount, Suppressed = allNote, ByMonth = months };
    }

    private static (decimal? Total, int Count, string? Note) Add((decimal? Total, int Count, string? Note) x, (decimal? Total, int Count, string? Note) y)
    {
        var note = x.Note ?? y.Note;
        return (x.Total, y.Total) switch
        {
            ({ } tx, { } ty) => (tx + ty, x.Count + y.Count, note),
            ({ } tx, null) => (tx, x.Count, note),
            (null, { } ty) => (ty, y.Count, note),
            (null, null) => (null, x.Count + y.Count, note),
        };
    }
}
