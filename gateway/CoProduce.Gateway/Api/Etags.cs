using System.Globalization;
using CoProduce.Grains.Common;

namespace CoProduce.Gateway.Api;

/// <summary>Versions travel as strong ETags ("3"); If-Match carries the version a client edited.</summary>
public static class Etags
{
    public static string Format(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version in If-Match, or null when absent. A malformed header is a 400, never a guess.</summary>
    public static long? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var trimmed = header.Trim();
        if (trimmed.StartsWith("W/", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }

        return trimmed.Length > 2 && trimmed[0] == '"' && trimmed[^1] == '"'
            && long.TryParse(trimmed[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw DomainException.Invalid("If-Match", "If-Match must be an ETag this API gave out, such as \"3\".");
    }

    /// <summary>If-Match is required where two people can edit the same thing.</summary>
    public static long RequireIfMatch(HttpRequest request) =>
        IfMatch(request) ?? throw new DomainException(
            DomainErrorKind.Invalid,
            "Send If-Match with the ETag you last read, so that nobody's edit is lost.",
            new Dictionary<string, string[]> { ["If-Match"] = ["If-Match is required."] });

    /// <summary>200 with the value and its ETag.</summary>
    public static IResult Ok<T>(HttpContext context, Versioned<T> versioned)
    {
        context.Response.Headers.ETag = Format(versioned.Version);
        return TypedResults.Ok(versioned.Value);
    }
}
