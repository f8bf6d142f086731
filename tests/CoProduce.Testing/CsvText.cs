using System.Text;

namespace CoProduce.Testing;

/// <summary>
/// A strict RFC 4180 reader for tests: what a spreadsheet would see, cell by cell. Quoted fields may hold commas,
/// doubled quotes and line breaks; a quote inside an unquoted field, or text after a closing quote, is an error.
/// </summary>
public static class CsvText
{
    public static IReadOnlyList<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        var atCellStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (atCellStart && c == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("A quoted field is not closed.");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            cell.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    cell.Append(text[i++]);
                }

                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    throw new FormatException($"Text after a closing quote at {i}.");
                }

                atCellStart = false;
                continue;
            }

            switch (c)
            {
                case ',':
                    row.Add(cell.ToString());
                    cell.Clear();
                    atCellStart = true;
                    i++;
                    break;
                case '\r' or '\n':
                    row.Add(cell.ToString());
                    cell.Clear();
                    rows.Add([.. row]);
                    row.Clear();
                    atCellStart = true;
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    break;
                case '"':
                    throw new FormatException($"A quote inside an unquoted field at {i}.");
                default:
                    cell.Append(c);
                    atCellStart = false;
                    i++;
                    break;
            }
        }

        if (!atCellStart || cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }

    /// <summary>Rows as records keyed by the header's names; every row must have exactly the header's cells.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Records(string text)
    {
        var rows = Parse(text);
        var header = rows[0];
        return [.. rows.Skip(1).Select((row, n) => row.Length == header.Length
            ? (IReadOnlyDictionary<string, string>)header.Zip(row).ToDictionary(p => p.First, p => p.Second)
            : throw new FormatException($"Row {n + 1} has {row.Length} cells, the header {header.Length}: {string.Join(" | ", row)}"))];
    }
}
