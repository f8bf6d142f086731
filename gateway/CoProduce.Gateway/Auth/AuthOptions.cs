namespace CoProduce.Gateway.Auth;

/// <summary>Bearer token settings, section CoProduce:Auth.</summary>
public sealed class AuthOptions
{
    public const string Section = "CoProduce:Auth";

    public string Issuer { get; set; } = "coproduce";

    public string Audience { get; set; } = "coproduce-api";

    /// <summary>
    /// The HMAC-SHA256 key that signs new tokens, base64, at least 32 bytes. Required on PostgreSQL; in
    /// embedded (SQLite) mode a key is generated once and kept in the data folder so tokens survive restarts.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Keys that signed tokens before the current one (base64 each). Tokens naming them still validate, so a
    /// rotation signs nobody out; remove a key once the longest token it signed has expired (or at once, when it leaked).
    /// </summary>
    public List<string> PreviousSigningKeys { get; set; } = [];

    /// <summary>How long a token lasts.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long a token from an invitation lasts: contributors should not have to sign in again each week.</summary>
    public TimeSpan InvitationTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a node trusts what it last read about a person's revoked tokens. The node that records a
    /// revocation applies it at once; other nodes within this time.
    /// </summary>
    public TimeSpan RevocationCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Organisations' own identity providers (CoProduce:Auth:OrganisationIdentityProviders:0:..., :1:...): tokens they
    /// sign with their own asymmetric keys sign in that organisation's staff, and nobody else (docs/security.md).
    /// </summary>
    public List<OrganisationIdentityProviderOptions> OrganisationIdentityProviders { get; set; } = [];
}
