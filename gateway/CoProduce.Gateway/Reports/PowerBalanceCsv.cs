using CoProduce.Grains.Exports;
using CoProduce.Grains.Reports;

namespace CoProduce.Gateway.Reports;

/// <summary>
/// The report as CSV (RFC 4180, UTF-8 with CRLF line ends): one row per measure for all time (period
/// "all") and one per measure and month, so a spreadsheet can pivot or chart it without reshaping. Written by
/// the one <see cref="CsvWriter"/>: names are neutralised, figures stay numbers. A suppressed total and value are
/// empty and the last column says why.
/// </summary>
public static class PowerBalanceCsv
{
    public const string Header = "scope,id,name,section,measure,label,kind,period,total,count,value,suppressed";

    public static byte[] Write(PowerBalanceReport report)
    {
        var csv = new CsvWriter().Row(Header.Split(','));
        foreach (var section in report.Sections)
        {
            foreach (var measure in section.Measures)
            {
                Row(csv, report, section, measure, "all", measure.Total, measure.Count, measure.Value, measure.Suppressed);
                foreach (var point in measure.ByMonth)
                {
                    Row(csv, report, section, measure, point.Period, point.Total, point.Count, point.Value, point.Suppressed);
                }
            }
        }

        return csv.ToUtf8();
    }

    private static void Row(CsvWriter csv, PowerBalanceReport report, ReportSectionResult section, ReportMeasure measure, string period, decimal? total, int count, decimal? value, string? suppressed) =>
        csv.Row(
            report.Scope.ToString(), report.Id.ToString("D"), report.Name, section.Key, measure.Key, measure.Label, measure.Kind.ToString(), period,
            total is { } t ? CsvCell.Number(t) : "", CsvCell.Number(count), value is { } v ? CsvCell.Number(v) : "", suppressed ?? "");
}
