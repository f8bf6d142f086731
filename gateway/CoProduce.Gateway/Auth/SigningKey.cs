using CoProduce.Runtime.Hosting;
using CoProduce.Runtime.Storage;

namespace CoProduce.Gateway.Auth;

/// <summary>Finds the token signing key: configured, or (embedded mode only) generated into the data folder.</summary>
internal static class SigningKey
{
    public const int MinimumBytes = NodeSecret.MinimumBytes;

    public static byte[] Resolve(AuthOptions options, StorageOptions storage) =>
        NodeSecret.Resolve(options.SigningKey, AuthOptions.Section + ":SigningKey", "signing-key", storage);
}
