using System.Buffers.Text;
using System.Security.Cryptography;
using CoProduce.Journal.Storage;
using CoProduce.Grains.Common.Files;

namespace CoProduce.Gateway.Auth;

/// <summary>
/// The keys tokens are checked with: the current one, which signs every new token, and previous ones,
/// which still validate the tokens they signed until an operator removes them (rotation with an overlap).
/// Each key is named by a key id (<c>kid</c>) derived from the key itself, so nothing else needs configuring.
/// </summary>
public sealed record SigningKeyRing
{
    public SigningKeyRing(byte[] current, IEnumerable<byte[]>? previous = null)
    {
        Current = new SigningKey(current);
        Previous = [.. (previous ?? []).Select(k => new SigningKey(k)).Where(k => k.Id != Current.Id)];
    }

    /// <summary>Signs new tokens.</summary>
    public SigningKey Current { get; }

    /// <summary>Still accepted on tokens that name them, so rotating does not sign everyone out at once.</summary>
    public IReadOnlyList<SigningKey> Previous { get; }

    /// <summary>Every key a token may be checked with, current first.</summary>
    public IEnumerable<SigningKey> All => Previous.Prepend(Current);

    /// <summary>The key with this id, or null when it is not (or no longer) one of ours.</summary>
    public SigningKey? Find(string kid) => All.FirstOrDefault(k => k.Id == kid);

    /// <summary>
    /// Keys published in this repository (the development overlay's Secret). Anyone can sign tokens with
    /// them, so outside the Development environment the gateway refuses to start with one.
    /// </summary>
    public static IReadOnlyList<string> PublishedKeys { get; } = ["ZGV2ZWxvcG1lbnQtb25seS1zaWduaW5nLWtleS0zMmI="];

    /// <summary>
    /// Reads CoProduce:Auth:SigningKey (or, embedded mode only, the key generated into the data folder) and
    /// CoProduce:Auth:PreviousSigningKeys; outside Development, refuses a published key.
    /// </summary>
    public static SigningKeyRing Resolve(AuthOptions options, StorageOptions storage, IHostEnvironment environment)
    {
        var current = NodeSecret.Resolve(options.SigningKey, AuthOptions.Section + ":SigningKey", "signing-key", storage);
        var previous = options.PreviousSigningKeys
            .Where(k => !string.IsNullOrWhiteSpace(k))
            .Select((k, i) => NodeSecret.Resolve(k, $"{AuthOptions.Section}:PreviousSigningKeys:{i}", "signing-key", storage))
            .ToList();
        var published = PublishedKeys.Select(Convert.FromBase64String).ToList();
        if (!environment.IsDevelopment() && previous.Prepend(current).Any(k => published.Any(p => p.AsSpan().SequenceEqual(k))))
        {
            throw new InvalidOperationException(
                $"Setting '{AuthOptions.Section}:SigningKey' (or a previous key) is the published development key: anyone could sign tokens with it. "
                + $"Generate a key of your own (base64 of {SigningKey.MinimumBytes} random bytes) outside Development (environment {environment.EnvironmentName}).");
        }

        return new SigningKeyRing(current, previous);
    }
}

/// <summary>One HMAC-SHA256 key and its id: the first 12 bytes of the key's SHA-256, base64url (revealing nothing usable).</summary>
public sealed record SigningKey
{
    public const int MinimumBytes = NodeSecret.MinimumBytes;

    public SigningKey(byte[] key)
    {
        if (key.Length < MinimumBytes)
        {
            throw new ArgumentException($"A signing key holds at least {MinimumBytes} bytes.", nameof(key));
        }

        Key = key;
        Id = Base64Url.EncodeToString(SHA256.HashData(key).AsSpan(0, 12));
    }

    public string Id { get; }

    public byte[] Key { get; }
}
