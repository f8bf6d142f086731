using System.Buffers.Text;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CoProduce.Gateway.Auth;

/// <summary>
/// Issues and checks HS256 JSON Web Tokens (RFC 7519) with the configured issuer, audience and keys.
/// Only HS256 is accepted, so a token cannot choose a weaker algorithm (or "none"). New tokens name their
/// key in the header (<c>kid</c>); a token whose key was removed from the ring is refused. Every refusal
/// is a reason, never an exception: whatever a token holds, validating it cannot fail the request.
/// </summary>
public sealed class TokenService(AuthOptions options, SigningKeyRing keys, TimeProvider time)
{
    /// <summary>The claim that carries when the token was issued (Unix seconds), for revocation.</summary>
    public const string IssuedAtClaim = "iat";

    /// <summary>The claim that carries when the token expires (Unix seconds).</summary>
    public const string ExpiresClaim = "exp";

    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    private static readonly long EarliestSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();

    private static readonly long LatestSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    private readonly string _header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = keys.Current.Id }.ToJsonString()));

    public TokenService(AuthOptions options, byte[] key, TimeProvider time)
        : this(options, new SigningKeyRing(key), time)
    {
    }

    public AuthOptions Options { get; } = options;

    /// <summary>When the token the person signed in with expires, if it said so.</summary>
    public static DateTimeOffset? ExpiresAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst(ExpiresClaim)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            && seconds is >= 0 and <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public string Issue(Guid personId, TimeSpan? lifetime = null) =>
        Issue(personId, time.GetUtcNow().Add(lifetime ?? Options.TokenLifetime));

    /// <summary>A token for <paramref name="personId"/> that expires at <paramref name="expiresAt"/>.</summary>
    public string Issue(Guid personId, DateTimeOffset expiresAt)
    {
        var now = time.GetUtcNow();
        var payload = new JsonObject
        {
            ["iss"] = Options.Issuer,
            ["aud"] = Options.Audience,
            ["sub"] = personId.ToString("D"),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        var body = $"{_header}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        return $"{body}.{Base64Url.EncodeToString(Sign(keys.Current, body))}";
    }

    /// <summary>The person the token names, or the reason it is refused.</summary>
    public (ClaimsPrincipal? Principal, string? Failure) Validate(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(p => !Base64Url.IsValid(p)))
        {
            return (null, "The token is not a JWT.");
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (header.RootElement.ValueKind != JsonValueKind.Object
                || !header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "HS256")
            {
                return (null, "The token's algorithm is not accepted.");
            }

            if (!SignedByUs(header.RootElement, $"{parts[0]}.{parts[1]}", Base64Url.DecodeFromChars(parts[2]), out var failure))
            {
                return (null, failure);
            }

            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return payload.RootElement.ValueKind == JsonValueKind.Object
                ? Check(payload.RootElement)
                : (null, "The token's claims are not an object.");
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or ArgumentException)
        {
            return (null, "The token is malformed.");
        }
    }

    /// <summary>
    /// With a kid: the signature of that key, which must still be in the ring. Without one (tokens issued
    /// before keys had ids): the signature of any key in the ring.
    /// </summary>
    private bool SignedByUs(JsonElement header, string signed, byte[] signature, out string? failure)
    {
        failure = null;
        IEnumerable<SigningKey> candidates;
        if (header.TryGetProperty("kid", out var kid))
        {
            if (kid.ValueKind != JsonValueKind.String || keys.Find(kid.GetString()!) is not { } named)
            {
                failure = "The token's key is not one this API accepts.";
                return false;
            }

            candidates = [named];
        }
        else
        {
            candidates = keys.All;
        }

        if (candidates.Any(k => CryptographicOperations.FixedTimeEquals(Sign(k, signed), signature)))
        {
            return true;
        }

        failure = "The token's signature is not valid.";
        return false;
    }

    private (ClaimsPrincipal?, string?) Check(JsonElement claims)
    {
        var now = time.GetUtcNow();
        if (Text(claims, "iss") != Options.Issuer)
        {
            return (null, "The token's issuer is not accepted.");
        }

        if (!claims.TryGetProperty("aud", out var aud) || !Audiences(aud).Contains(Options.Audience))
        {
            return (null, "The token's audience is not this API.");
        }

        if (!Time(claims, "exp", out var exp) || exp is not { } expires)
        {
            return (null, "The token has no valid expiry.");
        }

        if (expires < now - Skew)
        {
            return (null, "The token has expired.");
        }

        if (!Time(claims, "nbf", out var nbf) || nbf > now + Skew)
        {
            return (null, "The token is not valid yet.");
        }

        if (!Time(claims, "iat", out var iat) || iat > now + Skew)
        {
            return (null, "The token's issue time is not valid.");
        }

        if (!Guid.TryParse(Text(claims, "sub"), out var personId))
        {
            return (null, "The token does not name a person.");
        }

        List<Claim> identity = [new(ClaimTypes.NameIdentifier, personId.ToString("D")), Seconds(ExpiresClaim, expires)];
        if (iat is { } issued)
        {
            identity.Add(Seconds(IssuedAtClaim, issued));
        }

        return (new ClaimsPrincipal(new ClaimsIdentity(identity, "Bearer")), null);
    }

    private static Claim Seconds(string type, DateTimeOffset at) =>
        new(type, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64);

    private static string? Text(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// A NumericDate claim: absent is fine (null), present must be whole seconds a date can hold; any other
    /// value (a string, a fraction, a year past 9999) makes the token invalid rather than the request fail.
    /// </summary>
    private static bool Time(JsonElement claims, string name, out DateTimeOffset? at)
    {
        at = null;
        if (!claims.TryGetProperty(name, out var value))
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var seconds) || seconds < EarliestSeconds || seconds > LatestSeconds)
        {
            return false;
        }

        at = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private static IEnumerable<string?> Audiences(JsonElement aud) => aud.ValueKind switch
    {
        JsonValueKind.Array => aud.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString() : null),
        JsonValueKind.String => [aud.GetString()],
        _ => [],
    };

    private static byte[] Sign(SigningKey key, string data) => HMACSHA256.HashData(key.Key, Encoding.ASCII.GetBytes(data));
}
