namespace CoProduce.Gateway.Auth;

/// <summary>
/// One organisation's identity provider, as configured: the organisation it speaks for, the issuer (<c>iss</c>) its
/// tokens carry and the public keys that verify them. Tokens are for the platform's audience.
/// </summary>
public sealed class OrganisationIdentityProviderOptions
{
    /// <summary>The organisation whose staff this provider signs in; its tokens act for no one else.</summary>
    public Guid OrganisationId { get; set; }

    /// <summary>The exact <c>iss</c> of its tokens; unique across providers and never the platform's own issuer.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>
    /// Its public keys, each a PEM <c>-----BEGIN PUBLIC KEY-----</c> block (SubjectPublicKeyInfo): RSA of 2048 bits or
    /// more, or ECDSA on P-256, P-384 or P-521. Several while the provider rotates; private keys are refused.
    /// </summary>
    public List<string> Keys { get; set; } = [];
}
