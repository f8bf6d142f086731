using System.Globalization;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CoProduce.Gateway.Auth;

/// <summary>
/// Whom bearer tokens are trusted from, as the JwtBearer handler's validation parameters: the platform's own tokens
/// (HS256 with a key of the ring, named by <c>kid</c>) and each organisation's identity provider (its issuer, verified
/// with its public keys only, RS*/PS*/ES*). An issuer's tokens are only ever checked with that issuer's keys, so the
/// platform secret cannot sign for a provider, nor a provider's key (or a symmetric key made from it) for the platform.
/// <see cref="Principal"/> then reads the person from the validated token and nothing else from it.
/// </summary>
public sealed class BearerTrust(AuthOptions options, Func<SigningKeyRing> ring, IReadOnlyList<OrganisationIdentityProvider> providers, TimeProvider time)
{
    /// <summary>The claim of the organisation whose identity provider issued the token (absent on the platform's own tokens).</summary>
    public const string OrganisationClaim = "coproduce:organisation";

    /// <summary>How far the clocks of the issuer and the gateway may differ.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private static readonly long LatestSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public IReadOnlyList<OrganisationIdentityProvider> Providers { get; } = providers;

    /// <summary>The provider with this issuer, or null (the platform's issuer, or one nobody configured).</summary>
    public OrganisationIdentityProvider? ProviderOf(string? issuer) => Providers.FirstOrDefault(p => p.Issuer == issuer);

    /// <summary>The provider of this organisation, or null when it has none.</summary>
    public OrganisationIdentityProvider? ProviderFor(Guid organisationId) => Providers.FirstOrDefault(p => p.OrganisationId == organisationId);

    /// <summary>What every token must satisfy: signed (never <c>alg: none</c>), by its issuer's key, for this API, in date.</summary>
    public TokenValidationParameters Parameters() => new()
    {
        ValidIssuers = [options.Issuer, .. Providers.Select(p => p.Issuer)],
        ValidAudience = options.Audience,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256, .. AsymmetricAlgorithms],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateIssuerSigningKey = true,
        TryAllIssuerSigningKeys = false,
        IssuerSigningKeyResolver = (_, token, kid, _) => KeysFor(token.Issuer, kid),
        AlgorithmValidator = (algorithm, key, token, _) => AlgorithmFits(algorithm, key, token.Issuer),
        ClockSkew = ClockSkew,
        LifetimeValidator = (notBefore, expires, _, _) => InDate(notBefore, expires),
        NameClaimType = ClaimTypes.NameIdentifier,
    };

    /// <summary>
    /// The person a validated token names, with its issue and expiry times (for revocation and live connections) and,
    /// for a provider's token, its organisation. No other claim is read: roles, names or groups a token carries give nothing.
    /// </summary>
    public (ClaimsPrincipal? Principal, string? Failure) Principal(JsonWebToken token)
    {
        if (!Seconds(token, JwtRegisteredClaimNames.Exp, out var expires) || expires is null)
        {
            return (null, "The token has no valid expiry.");
        }

        if (!Seconds(token, JwtRegisteredClaimNames.Iat, out var issued) || issued > time.GetUtcNow() + ClockSkew)
        {
            return (null, "The token's issue time is not valid.");
        }

        token.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Sub, out var subject);
        List<Claim> claims;
        if (ProviderOf(token.Issuer) is { } provider)
        {
            if (string.IsNullOrWhiteSpace(subject) || subject.Length > OrganisationIdentityProvider.MaxSubjectLength)
            {
                return (null, "The token does not name a person.");
            }

            claims = [new(ClaimTypes.NameIdentifier, provider.PersonId(subject).ToString("D")), new(OrganisationClaim, provider.OrganisationId.ToString("D"))];
        }
        else if (token.Issuer == options.Issuer && Guid.TryParse(subject, out var personId))
        {
            claims = [new(ClaimTypes.NameIdentifier, personId.ToString("D"))];
        }
        else
        {
            return (null, "The token does not name a person.");
        }

        claims.Add(SecondsClaim(TokenService.ExpiresClaim, expires.Value));
        if (issued is { } at)
        {
            claims.Add(SecondsClaim(TokenService.IssuedAtClaim, at));
        }

        return (new ClaimsPrincipal(new ClaimsIdentity(claims, "Bearer", ClaimTypes.NameIdentifier, ClaimTypes.Role)), null);
    }

    /// <summary>The organisation whose provider signed the principal's token, or null for the platform's own tokens.</summary>
    public static Guid? OrganisationOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(OrganisationClaim), out var id) ? id : null;

    /// <summary>
    /// The platform's tokens: with a kid, that key of the ring only (none when it was removed); without one (tokens from
    /// before keys had ids), every key of the ring. A provider's tokens: its public keys only. Any other issuer: none.
    /// </summary>
    private IEnumerable<SecurityKey> KeysFor(string? issuer, string? kid)
    {
        if (ProviderOf(issuer) is { } provider)
        {
            return provider.Keys;
        }

        if (issuer != options.Issuer)
        {
            return [];
        }

        var keys = ring();
        return string.IsNullOrEmpty(kid)
            ? keys.All.Select(Symmetric)
            : keys.Find(kid) is { } named ? [Symmetric(named)] : [];
    }

    /// <summary>In date by the gateway's clock (<see cref="TimeProvider"/>), within <see cref="ClockSkew"/>: an expiry is required.</summary>
    private bool InDate(DateTime? notBefore, DateTime? expires)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } until && until >= now - ClockSkew && (notBefore is not { } from || from <= now + ClockSkew);
    }

    /// <summary>HS256 with the platform's keys on the platform's tokens; an asymmetric algorithm with a provider's keys on its tokens.</summary>
    private bool AlgorithmFits(string algorithm, SecurityKey key, string? issuer) => key switch
    {
        SymmetricSecurityKey => algorithm == SecurityAlgorithms.HmacSha256 && issuer == options.Issuer,
        AsymmetricSecurityKey => AsymmetricAlgorithms.Contains(algorithm) && ProviderOf(issuer) is { } provider && provider.Keys.Contains(key),
        _ => false,
    };

    private static SymmetricSecurityKey Symmetric(SigningKey key) => new(key.Key) { KeyId = key.Id };

    /// <summary>A NumericDate claim: absent is fine (null); present must be whole seconds a date can hold.</summary>
    private static bool Seconds(JsonWebToken token, string name, out DateTimeOffset? at)
    {
        at = null;
        if (!token.TryGetClaim(name, out var claim))
        {
            return true;
        }

        if (!long.TryParse(claim.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || seconds > LatestSeconds)
        {
            return false;
        }

        at = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private static Claim SecondsClaim(string type, DateTimeOffset at) =>
        new(type, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64);
}
