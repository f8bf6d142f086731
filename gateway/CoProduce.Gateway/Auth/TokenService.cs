using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CoProduce.Gateway.Auth;

/// <summary>
/// Issues and checks HS256 JSON Web Tokens (RFC 7519) with the configured issuer, audience and key.
/// Only HS256 is accepted, so a token cannot choose a weaker algorithm (or "none").
/// </summary>
public sealed class TokenService(AuthOptions options, byte[] key, TimeProvider time)
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);
    private static readonly string Header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);

    /// <summary>The claim that carries the token's expiry (Unix seconds) on the signed-in person.</summary>
    public const string ExpiresClaim = "exp";

    public AuthOptions Options { get; } = options;

    /// <summary>When the token the person signed in with expires, if it said so.</summary>
    public static DateTimeOffset? ExpiresAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst(ExpiresClaim)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            && seconds is >= 0 and <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public string Issue(Guid personId, TimeSpan? lifetime = null)
    {
        var now = time.GetUtcNow();
        var payload = new JsonObject
        {
            ["iss"] = Options.Issuer,
            ["aud"] = Options.Audience,
            ["sub"] = personId.ToString("D"),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.Add(lifetime ?? Options.TokenLifetime).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        var body = $"{Header}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        return $"{body}.{Base64Url.EncodeToString(Sign(body))}";
    }

    /// <summary>The person the token names, or the reason it is refused.</summary>
    public (ClaimsPrincipal? Principal, string? Failure) Validate(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return (null, "The token is not a JWT.");
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "HS256")
            {
                return (null, "The token's algorithm is not accepted.");
            }

            if (!CryptographicOperations.FixedTimeEquals(Sign($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2])))
            {
                return (null, "The token's signature is not valid.");
            }

            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return Check(payload.RootElement);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return (null, "The token is malformed.");
        }
    }

    private (ClaimsPrincipal?, string?) Check(JsonElement claims)
    {
        var now = time.GetUtcNow();
        if (!claims.TryGetProperty("iss", out var iss) || iss.GetString() != Options.Issuer)
        {
            return (null, "The token's issuer is not accepted.");
        }

        if (!claims.TryGetProperty("aud", out var aud) || !Audiences(aud).Contains(Options.Audience))
        {
            return (null, "The token's audience is not this API.");
        }

        if (!claims.TryGetProperty("exp", out var exp) || DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64()) < now - Skew)
        {
            return (null, "The token has expired.");
        }

        if (claims.TryGetProperty("nbf", out var nbf) && DateTimeOffset.FromUnixTimeSeconds(nbf.GetInt64()) > now + Skew)
        {
            return (null, "The token is not valid yet.");
        }

        if (!claims.TryGetProperty("sub", out var sub) || !Guid.TryParse(sub.GetString(), out var personId))
        {
            return (null, "The token does not name a person.");
        }

        // The expiry goes with the person, so a long-lived connection (the live hub) can end when the token does.
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, personId.ToString("D")), new Claim(ExpiresClaim, exp.GetInt64().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64)],
            "Bearer");
        return (new ClaimsPrincipal(identity), null);
    }

    private static IEnumerable<string?> Audiences(JsonElement aud) =>
        aud.ValueKind == JsonValueKind.Array ? aud.EnumerateArray().Select(a => a.GetString()) : [aud.GetString()];

    private byte[] Sign(string data) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(data));
}
