using System.Security.Cryptography;
using CoProduce.Journal.Storage;
using CoProduce.Grains.Common.Files;
using Microsoft.Extensions.Configuration;

namespace CoProduce.Grains.Common;

/// <summary>
/// The nodes' key for anonymous ballots and responses. It lives in configuration (or, embedded, in a
/// file beside the database), never in the database, so someone holding a copy of the database cannot
/// work out who cast an anonymous ballot by trying every person's id. Changing it while an anonymous
/// decision is open would let people vote again, so it is set once per deployment.
/// </summary>
public sealed class AnonymityKey(byte[] key)
{
    public const string Setting = "CoProduce:Anonymity:Key";

    public static AnonymityKey FromConfiguration(IConfiguration configuration) =>
        new(NodeSecret.Resolve(configuration[Setting], Setting, "anonymity-key", StorageOptions.FromConfiguration(configuration)));

    /// <summary>A fresh random salt for one decision or survey; stored with it, useless without this key.</summary>
    public static string NewSalt() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// The key a ballot is filed under: <paramref name="personId"/> itself when <paramref name="salt"/> is null
    /// (not anonymous); otherwise an HMAC under a key derived from this key and the salt, so the same person
    /// always gets the same key within one decision, and keys of one decision say nothing about another.
    /// </summary>
    public string For(Guid personId, string? salt)
    {
        if (salt is null)
        {
            return personId.ToString("D");
        }

        var perDecision = HMACSHA256.HashData(key, Convert.FromBase64String(salt));
        return Convert.ToHexStringLower(HMACSHA256.HashData(perDecision, personId.ToByteArray()));
    }
}
