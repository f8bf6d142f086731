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

    private static string Limit(string value, string field, int maxLength) => value.Length <= maxLength
        ? value
        : throw DomainException.Invalid(field, $"{field} may be at most {maxLength} characters.");
}
