using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CoProduce.Gateway.Invitations;

/// <summary>
/// Invitation codes: 192 random bits, URL-safe. Only the SHA-256 of a code is kept (as the invitation's
/// id and grain key), so a leaked database cannot be used to join a project.
/// </summary>
internal static class InvitationCodes
{
    private const int RandomBytes = 24;

    /// <summary>Longer input is not a code this API gave out; refusing it early avoids hashing junk.</summary>
    public const int MaxLength = 128;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));

    public static string IdOf(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));

    /// <summary>Whether <paramref name="id"/> looks like an invitation id (64 lower-case hex digits).</summary>
    public static bool IsId(string id) => id.Length == 64 && id.All(char.IsAsciiHexDigitLower);
}
