using System.Globalization;
using System.Text;
using CoProduce.Grains.Reports;

namespace CoProduce.Gateway.Reports;

/// <summary>
/// The report as CSV (RFC 4180, UTF-8 with CRLF line ends): one row per measure for all time (period
/// "all") and one per measure and month, so a spreadsheet can pivot or chart it without reshaping.
/// </summary>
public static class PowerBalanceCsv
{
    public const string Header = "scope,id,name,section,measure,label,kind,period,total,count,value";

    public static byte[] Write(PowerBalanceReport report)
    {
        var text = new StringBuilder();
        text.Append(Header).Append("\r\n");
        foreach (var section in report.Sections)
        {
            foreach (var measure in section.Measures)
            {
                Row(text, report, section, measure, "all", measure.Total, measure.Count, measure.Value);
                foreach (var point in measure.ByMonth)
                {
                    Row(text, report, section, measure, point.Period, point.Total, point.Count, point.Value);
                }
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void Row(StringBuilder text, PowerBalanceReport report, ReportSectionResult section, ReportMeasure measure, string period, decimal total, int count, decimal? value)
    {
        string[] cells =
        [
            report.Scope.ToString(), report.Id.ToString("D"), report.Name, section.Key, measure.Key, measure.Label, measure.Kind.ToString(), period,
            total.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture), value?.ToString(CultureInfo.InvariantCulture) ?? "",
        ];
        text.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
    }

    /// <summary>
    /// Quotes a cell when it holds a comma, quote or line break. A name starting with =, +, -, @ or a tab
    /// would run as a formula in a spreadsheet, so it is prefixed with an apostrophe.
    /// </summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
