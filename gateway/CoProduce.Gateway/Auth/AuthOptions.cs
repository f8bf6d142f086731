namespace CoProduce.Gateway.Auth;

/// <summary>Bearer token settings, section CoProduce:Auth.</summary>
public sealed class AuthOptions
{
    public const string Section = "CoProduce:Auth";

    public string Issuer { get; set; } = "coproduce";

    public string Audience { get; set; } = "coproduce-api";

    /// <summary>
    /// The HMAC-SHA256 key, base64, at least 32 bytes. Required on PostgreSQL; in embedded (SQLite) mode
    /// a key is generated once and kept in the data folder so tokens survive restarts.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a token lasts.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long a token from an invitation lasts: contributors should not have to sign in again each week.</summary>
    public TimeSpan InvitationTokenLifetime { get; set; } = TimeSpan.FromDays(30);
}
