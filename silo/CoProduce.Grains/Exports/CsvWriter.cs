using System.Globalization;
using System.Text;

namespace CoProduce.Grains.Exports;

/// <summary>
/// The one CSV writer of every export (claim statements, bank files, reports): RFC 4180 (fields with a comma, quote
/// or line break are quoted, quotes doubled, rows end in CRLF), and no text cell can run as a spreadsheet formula.
/// Text that starts with <c>= + - @</c>, a tab or a carriage return (or their full-width forms) is prefixed with an
/// apostrophe. Numbers the export itself formats (<see cref="CsvCell.Number(decimal, string)"/>) are left alone,
/// so a negative amount stays a readable, summable number: only text from people is neutralised.
/// </summary>
public sealed class CsvWriter
{
    private readonly StringBuilder _text = new();

    /// <summary>Appends one row; strings convert to text cells.</summary>
    public CsvWriter Row(params ReadOnlySpan<CsvCell> cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                _text.Append(',');
            }

            AppendCell(_text, cells[i]);
        }

        _text.Append("\r\n");
        return this;
    }

    /// <summary>Appends one row of text cells (a header, say).</summary>
    public CsvWriter Row(IEnumerable<string?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                _text.Append(',');
            }

            AppendCell(_text, cell);
            first = false;
        }

        _text.Append("\r\n");
        return this;
    }

    public override string ToString() => _text.ToString();

    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(_text.ToString());

    /// <summary>One cell as it is written: neutralised when it is text that a spreadsheet would run, then quoted as RFC 4180 asks.</summary>
    public static string Field(CsvCell cell)
    {
        var text = new StringBuilder();
        AppendCell(text, cell);
        return text.ToString();
    }

    private static void AppendCell(StringBuilder text, CsvCell cell)
    {
        var value = cell.Value;
        if (cell.IsText && StartsFormula(value))
        {
            value = "'" + value;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            text.Append(value);
            return;
        }

        text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static bool StartsFormula(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' or '＝' or '＋' or '－' or '＠';
}

/// <summary>A cell: text (from people, neutralised) or a number the export formatted itself (never neutralised).</summary>
public readonly record struct CsvCell(string Value, bool IsText)
{
    public static implicit operator CsvCell(string? text) => new(text ?? "", true);

    /// <summary>A number written with the invariant culture; a negative one keeps its minus sign.</summary>
    public static CsvCell Number(decimal value, string? format = null) =>
        new(format is null ? value.ToString(CultureInfo.InvariantCulture) : value.ToString(format, CultureInfo.InvariantCulture), false);

    public static CsvCell Number(long value) => new(value.ToString(CultureInfo.InvariantCulture), false);
}
