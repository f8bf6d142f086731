using System.Text;

namespace CoProduce.Grains.Representation;

/// <summary>Self-described values are the person's own words; they are compared ignoring case and spacing.</summary>
internal static class Values
{
    public static string Key(string value)
    {
        var key = new StringBuilder(value.Length);
        foreach (var word in value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            key.Append(key.Length == 0 ? "" : " ").Append(word.ToUpperInvariant());
        }

        return key.ToString();
    }

    /// <summary>The label for a group of answers: the spelling most people used, then the first in ordinal order.</summary>
    public static string Label(IEnumerable<string> spellings) =>
        spellings.GroupBy(s => s, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .First().Key;
}
