using System.Globalization;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CoProduce.Gateway.Auth;

/// <summary>
/// Issues the platform's HS256 JSON Web Tokens (RFC 7519) with the configured issuer and audience, signed with the
/// current key of the ring and naming it in the header (<c>kid</c>). Validation is the JwtBearer handler's, with the
/// rules of <see cref="BearerTrust"/>.
/// </summary>
public sealed class TokenService(AuthOptions options, SigningKeyRing keys, TimeProvider time)
{
    /// <summary>The claim that carries when the token was issued (Unix seconds), for revocation.</summary>
    public const string IssuedAtClaim = "iat";

    /// <summary>The claim that carries when the token expires (Unix seconds).</summary>
    public const string ExpiresClaim = "exp";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly SigningCredentials _credentials = new(
        new SymmetricSecurityKey(keys.Current.Key) { KeyId = keys.Current.Id }, SecurityAlgorithms.HmacSha256);

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
        // Whole seconds, as the token carries them: revocation compares them with its cut-off.
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds()).UtcDateTime;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Options.Issuer,
            Audience = Options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds()).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = personId.ToString("D"),
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = _credentials,
        });
    }
}
