using System.Runtime.Versioning;
using CoProduce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Auth;

/// <summary>
/// Embedded (SQLite) mode generates the signing key and the anonymity key into the data folder on first start.
/// Those files are readable by the service's user only, and a key file that others may read stops start-up
/// with a message naming the file and the fix. Unix file modes: Linux and macOS only.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class KeyFilePermissionTests
{
    /// <summary>No configured keys, so the gateway generates and reads its own files.</summary>
    private static readonly Dictionary<string, string?> Embedded = new()
    {
        ["CoProduce:Auth:SigningKey"] = "",
        ["CoProduce:Anonymity:Key"] = "",
    };

    [Fact]
    public async Task GeneratedKeysAreReadableByTheServiceUserOnly()
    {
        using var database = new SqliteDatabase();
        await using (var app = new GatewayApplication(database, Embedded))
        {
            _ = app.Services.GetRequiredService<IServiceProvider>();
        }

        foreach (var name in new[] { "anonymity-key", "signing-key" })
        {
            var file = Path.Combine(Folder(database), name);
            Assert.True(File.Exists(file), $"{file} was not generated");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Theory]
    [InlineData("anonymity-key")]
    [InlineData("signing-key")]
    public async Task StartUpIsRefusedWhenOthersCanReadAKeyFile(string name)
    {
        using var database = new SqliteDatabase();
        await using (var first = new GatewayApplication(database, Embedded))
        {
            _ = first.Services.GetRequiredService<IServiceProvider>();
        }

        var file = Path.Combine(Folder(database), name);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var second = new GatewayApplication(database, Embedded);
        var refused = Assert.ThrowsAny<Exception>(() => second.Services.GetRequiredService<IServiceProvider>());
        var message = string.Join(" | ", Chain(refused).Select(e => e.Message));
        Assert.Contains(file, message, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {file}", message, StringComparison.Ordinal);

        // Made private again, the same file (so the same keys) is accepted.
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        await using var third = new GatewayApplication(database, Embedded);
        _ = third.Services.GetRequiredService<IServiceProvider>();
    }

    private static string Folder(SqliteDatabase database) => database.StorageSettings["CoProduce:Storage:DataDirectory"]!;

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
