namespace CoProduce.Telemetry;

/// <summary>
/// Work that must not be traced back to a person: an anonymous ballot or survey answer. While a scope is
/// open (it flows with the execution context into every grain call, activation and storage operation the
/// work causes), the runtimes leave grain keys out of their spans and logs (Orleans' too: see the cluster's call filters and
/// <see cref="UnattributedSpans"/>), since a person's grain key is
/// their id. Type and method names stay, so the work can still be followed and measured.
/// </summary>
public static class Unattributed
{
    /// <summary>What a grain key reads as in telemetry while the scope is open.</summary>
    public const string Withheld = "(withheld)";

    private static readonly AsyncLocal<bool> Active = new();

    /// <summary>Whether the current work is unattributed.</summary>
    public static bool IsActive => Active.Value;

    /// <summary>Opens a scope for the rest of the calling method (and what it calls); dispose to close it early.</summary>
    public static Scope Begin()
    {
        var previous = Active.Value;
        Active.Value = true;
        return new Scope(previous);
    }

    /// <summary>Opens a scope only when <paramref name="anonymous"/>; otherwise does nothing.</summary>
    public static Scope When(bool anonymous) => anonymous ? Begin() : new Scope(null);

    /// <summary>The grain key as telemetry may show it now.</summary>
    public static string Key(string key) => Active.Value ? Withheld : key;

    /// <summary>Restores what was in force before <see cref="Begin"/>.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly bool? _previous;

        internal Scope(bool? previous) => _previous = previous;

        public void Dispose()
        {
            if (_previous is { } previous)
            {
                Active.Value = previous;
            }
        }
    }
}
