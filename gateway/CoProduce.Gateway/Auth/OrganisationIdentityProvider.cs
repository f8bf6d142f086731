using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace CoProduce.Gateway.Auth;

/// <summary>
/// An organisation's identity provider, checked and ready: tokens with its issuer are verified with its keys only and
/// name people in its own namespace (<see cref="PersonId"/>), so they cannot act as anyone the platform or another
/// organisation signs in.
/// </summary>
public sealed record OrganisationIdentityProvider(Guid OrganisationId, string Issuer, IReadOnlyList<AsymmetricSecurityKey> Keys)
{
    /// <summary>The longest subject (<c>sub</c>) accepted from a provider.</summary>
    public const int MaxSubjectLength = 255;

    /// <summary>
    /// The person a subject of this provider is: a version-8 UUID from SHA-256 over the organisation, the issuer and the
    /// subject. Nobody chooses it, so a provider can only ever name its own people; an admin of the organisation looks it
    /// up (<c>GET /api/organisations/{id}/identity-provider/people?subject=...</c>) to give that person staff roles.
    /// </summary>
    public Guid PersonId(string subject)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"coproduce-idp-person\n{OrganisationId:D}\n{Issuer}\n{subject}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>The configured providers, checked: a missing or shared issuer, or a key that is not a usable public key, stops start-up naming the setting.</summary>
    public static IReadOnlyList<OrganisationIdentityProvider> FromOptions(AuthOptions options)
    {
        var providers = new List<OrganisationIdentityProvider>();
        for (var i = 0; i < options.OrganisationIdentityProviders.Count; i++)
        {
            var configured = options.OrganisationIdentityProviders[i];
            var setting = $"{AuthOptions.Section}:OrganisationIdentityProviders:{i}";
            if (configured.OrganisationId == Guid.Empty)
            {
                throw new InvalidOperationException($"Setting '{setting}:OrganisationId' must name the organisation (its id).");
            }

            var issuer = configured.Issuer.Trim();
            if (issuer.Length == 0 || issuer == options.Issuer || providers.Any(p => p.Issuer == issuer))
            {
                throw new InvalidOperationException(
                    $"Setting '{setting}:Issuer' must be the provider's own issuer: set, not '{options.Issuer}' (the platform's) and not another provider's.");
            }

            if (configured.Keys.Count == 0)
            {
                throw new InvalidOperationException($"Setting '{setting}:Keys:0' must hold the provider's public key (PEM).");
            }

            var keys = configured.Keys.Select((pem, k) => PublicKey(pem, $"{setting}:Keys:{k}")).ToList();
            providers.Add(new OrganisationIdentityProvider(configured.OrganisationId, issuer, keys));
        }

        return providers;
    }

    private static AsymmetricSecurityKey PublicKey(string pem, string setting)
    {
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] is not "PUBLIC KEY")
        {
            throw new InvalidOperationException($"Setting '{setting}' must be one PEM block '-----BEGIN PUBLIC KEY-----' (a public key; never a private one).");
        }

        var spki = Convert.FromBase64String(pem[fields.Base64Data]);
        var id = Base64Url.EncodeToString(SHA256.HashData(spki).AsSpan(0, 12));
        var rsa = RSA.Create();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(spki, out _);
            return rsa.KeySize >= 2048
                ? new RsaSecurityKey(rsa) { KeyId = id }
                : throw new InvalidOperationException($"Setting '{setting}' is an RSA key of {rsa.KeySize} bits; 2048 at least.");
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
        }

        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(spki, out _);
        }
        catch (CryptographicException)
        {
            ecdsa.Dispose();
            throw new InvalidOperationException($"Setting '{setting}' is neither an RSA nor an ECDSA public key.");
        }

        return ecdsa.ExportParameters(false).Curve.Oid.Value is "1.2.840.10045.3.1.7" or "1.3.132.0.34" or "1.3.132.0.35"
            ? new ECDsaSecurityKey(ecdsa) { KeyId = id }
            : throw new InvalidOperationException($"Setting '{setting}' is an ECDSA key on another curve; P-256, P-384 or P-521 only.");
    }
}
