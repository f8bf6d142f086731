using System.Security.Cryptography;
using CoProduce.Journal.Storage;

namespace CoProduce.Grains.Common.Files;

/// <summary>
/// A secret every node must share but the database must never hold: configured as base64, or, in
/// embedded (SQLite) mode only, generated once into a file of the data folder, readable by the service's
/// user only (0600). A key file that others may read is refused at start-up: whoever can read the anonymity
/// key beside a copy of the database can tell who cast each anonymous ballot, and the signing key mints tokens.
/// </summary>
public static class NodeSecret
{
    public const int MinimumBytes = 32;

    /// <summary>Reads <paramref name="configured"/>, or the embedded file <paramref name="fileName"/>; throws naming <paramref name="setting"/>.</summary>
    public static byte[] Resolve(string? configured, string setting, string fileName, StorageOptions storage)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Decode(configured, setting);
        }

        if (!string.Equals(storage.Provider, StorageOptions.SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Setting '{setting}' is required when several nodes share one database (provider {storage.Provider}): a base64 key of at least {MinimumBytes} bytes.");
        }

        var folder = Path.GetFullPath(string.IsNullOrWhiteSpace(storage.DataDirectory) ? "data" : storage.DataDirectory);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, fileName);
        if (!File.Exists(file))
        {
            OwnerOnlyFile.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes)));
        }

        OwnerOnlyFile.EnsurePrivate(file);

        return Decode(File.ReadAllText(file).Trim(), setting);
    }

    private static byte[] Decode(string base64, string setting)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"Setting '{setting}' must be base64.");
        }

        return key.Length >= MinimumBytes
            ? key
            : throw new InvalidOperationException($"Setting '{setting}' must hold at least {MinimumBytes} bytes.");
    }
}
