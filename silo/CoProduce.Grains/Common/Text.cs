namespace CoProduce.Grains.Common;

/// <summary>Checks for the text people type: trimmed, present when required, and within a length.</summary>
internal static class Text
{
    public const int NameLength = 200;
    public const int ParagraphLength = 4000;

    public static string Required(string? value, string field, int maxLength = NameLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw DomainException.Invalid(field, $"{field} is required.");
        }

        return Limit(trimmed, field, maxLength);
    }

    public static string? Optional(string? value, string field, int maxLength = ParagraphLength)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : Limit(trimmed, field, maxLength);
    }

    public static IReadOnlyList<string> List(IReadOnlyList<string>? values, string field, int maxItems = 50, int maxLength = ParagraphLength)
    {
        var list = (values ?? []).Select(v => v?.Trim()).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
        if (list.Count > maxItems)
        {
            throw DomainException.Invalid(field, $"{field} may have at most {maxItems} entries.");
        }

        return [.. list.Select(v => Limit(v, field, maxLength))];
    }

    /// <summary>
    /// Within the length limit, and free of control characters: they render as nothing (or as terminal
    /// escapes) for the people reading, so they are refused rather than stored. Paragraphs keep line breaks and tabs.
    /// </summary>
    private static string Limit(string value, string field, int maxLength)
    {
        if (value.Length > maxLength)
        {
            throw DomainException.Invalid(field, $"{field} may be at most {maxLength} characters.");
        }

        var allowBreaks = maxLength > NameLength;
        foreach (var c in value)
        {
            if (char.IsControl(c) && !(allowBreaks && c is '\n' or '\r' or '\t'))
            {
                throw DomainException.Invalid(field, $"{field} may not contain control characters.");
            }
        }

        return value;
    }
}
