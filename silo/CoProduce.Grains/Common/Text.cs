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
    /// Within the length limit, and free of what people cannot see or that changes how the text around it
    /// reads: control characters (they render as nothing, or as terminal escapes), lone surrogate halves
    /// (not text at all), noncharacters (U+FDD0 to U+FDEF and the last two of every plane, U+FFFE and U+FFFF
    /// among them, which exports and XML cannot carry) and bidirectional embeddings, overrides and isolates
    /// (U+202A to U+202E, U+2066 to U+2069), which can make a name or an amount read backwards.
    /// Paragraphs keep line breaks and tabs.
    /// </summary>
    private static string Limit(string value, string field, int maxLength)
    {
        if (value.Length > maxLength)
        {
            throw DomainException.Invalid(field, $"{field} may be at most {maxLength} characters.");
        }

        var allowBreaks = maxLength > NameLength;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && !(allowBreaks && c is '\n' or '\r' or '\t'))
            {
                throw DomainException.Invalid(field, $"{field} may not contain control characters.");
            }

            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                throw DomainException.Invalid(field, $"{field} may not contain characters that change the direction of the text around them.");
            }

            int codePoint = c;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                throw DomainException.Invalid(field, $"{field} is not valid text (it holds half of a character).");
            }

            if (IsNoncharacter(codePoint))
            {
                throw DomainException.Invalid(field, $"{field} may not contain Unicode noncharacters such as U+FFFE.");
            }
        }

        return value;
    }

    private static bool IsNoncharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
}
