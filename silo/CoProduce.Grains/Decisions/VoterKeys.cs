using System.Security.Cryptography;

namespace CoProduce.Grains.Decisions;

/// <summary>
/// The key a ballot is filed under. In an anonymous decision it is an HMAC of the voter's id with the
/// decision's own random secret: the same person always gets the same key (so a changed vote replaces
/// the old one), but the key cannot be matched to a person without the secret, and keys of one decision
/// say nothing about another.
/// </summary>
internal static class VoterKeys
{
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string For(Guid personId, string? secret) => secret is null
        ? personId.ToString("D")
        : Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(secret), personId.ToByteArray()));
}
