using System.Security.Cryptography;
using CoProduce.Runtime.Storage;

namespace CoProduce.Gateway.Auth;

/// <summary>Finds the token signing key: configured, or (embedded mode only) generated into the data folder.</summary>
internal static class SigningKey
{
    public const int MinimumBytes = 32;
    private const string Setting = AuthOptions.Section + ":SigningKey";

    public static byte[] Resolve(AuthOptions options, StorageOptions storage)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return Decode(options.SigningKey);
        }

        if (!string.Equals(storage.Provider, StorageOptions.SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Setting '{Setting}' is required when tokens are shared by several nodes (provider {storage.Provider}): a base64 key of at least {MinimumBytes} bytes.");
        }

        var folder = Path.GetFullPath(string.IsNullOrWhiteSpace(storage.DataDirectory) ? "data" : storage.DataDirectory);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "signing-key");
        if (!File.Exists(file))
        {
            File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes)));
        }

        return Decode(File.ReadAllText(file).Trim());
    }

    private static byte[] Decode(string base64)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"Setting '{Setting}' must be base64.");
        }

        return key.Length >= MinimumBytes
            ? key
            : throw new InvalidOperationException($"Setting '{Setting}' must hold at least {MinimumBytes} bytes.");
    }
}
