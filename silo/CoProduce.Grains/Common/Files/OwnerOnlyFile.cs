using System.Text;

namespace CoProduce.Grains.Common.Files;

/// <summary>
/// Files that only the service's own user may read: generated keys and exports that name people or hold
/// payments. On Unix they are created with mode 0600, so they are never readable by others, even for a moment.
/// </summary>
public static class OwnerOnlyFile
{
    /// <summary>Read and write for the owner only.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>What a key file may allow beyond its owner: reading by its group (0640) at most.</summary>
    private const UnixFileMode TooOpen =
        UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>, created or replaced, readable by its owner only.</summary>
    public static async Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken = default)
    {
        await using var stream = Open(path);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>, created or replaced, readable by its owner only.</summary>
    public static void WriteAllText(string path, string text)
    {
        using var stream = Open(path);
        stream.Write(Encoding.UTF8.GetBytes(text));
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Refuses a secret file that others than its owner (and its group, read only) may read or change: the
    /// message names the file and the fix. Does nothing where Unix modes do not exist.
    /// </summary>
    public static void EnsurePrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & TooOpen) != 0)
        {
            throw new InvalidOperationException(
                $"The key file '{path}' can be read or changed by other users (mode {Octal(mode)}). Keys must be readable by the " +
                $"service's user only: run 'chmod 600 {path}' (or 640 to let its group read it), then start again.");
        }
    }

    private static FileStream Open(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Mode;
        }

        var stream = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only to a new file; a file replaced in place keeps its old mode unless set.
            File.SetUnixFileMode(stream.SafeFileHandle, Mode);
        }

        return stream;
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
}
