using System.Security.Cryptography;
using System.Text.Json;
using CoProduce.Gateway.Auth;

namespace CoProduce.Gateway.Tests.Auth;

/// <summary>An organisation's identity provider for tests: its issuer, its private key (held by the provider only) and the public key the gateway is given.</summary>
public sealed class IdentityProviderKeys(Guid organisationId, string issuer, AsymmetricAlgorithm key) : IDisposable
{
    public Guid OrganisationId { get; } = organisationId;

    public string Issuer { get; } = issuer;

    /// <summary>The PEM the gateway is configured with.</summary>
    public string PublicKeyPem { get; } = key.ExportSubjectPublicKeyInfoPem();

    public byte[] PublicKeyDer { get; } = key.ExportSubjectPublicKeyInfo();

    public static IdentityProviderKeys Rsa(Guid organisationId, string issuer) => new(organisationId, issuer, RSA.Create(2048));

    public static IdentityProviderKeys Ecdsa(Guid organisationId, string issuer) => new(organisationId, issuer, ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>The configuration rows for this provider at <paramref name="index"/>.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(int index) =>
    [
        new($"CoProduce:Auth:OrganisationIdentityProviders:{index}:OrganisationId", OrganisationId.ToString()),
        new($"CoProduce:Auth:OrganisationIdentityProviders:{index}:Issuer", Issuer),
        new($"CoProduce:Auth:OrganisationIdentityProviders:{index}:Keys:0", PublicKeyPem),
    ];

    public OrganisationIdentityProviderOptions Options() => new() { OrganisationId = OrganisationId, Issuer = Issuer, Keys = [PublicKeyPem] };

    /// <summary>
    /// A token this provider's key signs (RS256 or ES256) with the given claims; by default its own issuer, the
    /// platform's audience, an hour left, and <paramref name="subject"/>.
    /// </summary>
    public string Token(string subject, string? issuer = null, string audience = "coproduce-api", DateTimeOffset? expires = null, IDictionary<string, object>? extra = null)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["iss"] = issuer ?? Issuer,
            ["aud"] = audience,
            ["sub"] = subject,
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = (expires ?? now.AddHours(1)).ToUnixTimeSeconds(),
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }

        var payload = JsonSerializer.Serialize(claims);
        return key switch
        {
            RSA rsa => BearerTokenTests.SignedWith("""{"alg":"RS256","typ":"JWT","kid":"idp-1"}""", payload,
                body => rsa.SignData(body, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)),
            ECDsa ecdsa => BearerTokenTests.SignedWith("""{"alg":"ES256","typ":"JWT","kid":"idp-1"}""", payload,
                body => ecdsa.SignData(body, HashAlgorithmName.SHA256)),
            _ => throw new InvalidOperationException("RSA or ECDSA only."),
        };
    }

    public void Dispose() => key.Dispose();
}
