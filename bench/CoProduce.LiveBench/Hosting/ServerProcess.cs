using CoProduce.Bench.Hosting;

namespace CoProduce.LiveBench.Hosting;

/// <summary>A live server under test in its own process (<see cref="ChildServer"/>), with its memory probe switched on.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string GatewayMode = "serve-gateway";
    public const string BareHubMode = "serve-bare";

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);
    private const int MaxReadings = 50;

    private readonly ChildServer _child;

    private ServerProcess(ChildServer child) => _child = child;

    public Uri Address => _child.Address;

    public static async Task<ServerProcess> StartAsync(string mode, IReadOnlyDictionary<string, string> environment)
    {
        var settings = new Dictionary<string, string>(environment)
        {
            [MemoryProbe.Setting.Replace(":", "__", StringComparison.Ordinal)] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["CoProduce__Invitations__LinkBase"] = "http://localhost:5080",
        };
        return new ServerProcess(await ChildServer.StartAsync(mode, settings));
    }

    /// <summary>
    /// The process's memory once it has settled: the live heap after a full collection, read again until two
    /// readings agree within 1% (joins, presence writes and pings still in flight change it), and the
    /// resident set, read until it stops falling after that collection; then the resident set again after an
    /// aggressive collection, which returns the GC's free memory to the operating system.
    /// </summary>
    public async Task<ServerMemory> MemoryAsync()
    {
        using var http = new HttpClient { BaseAddress = Address };
        using var poll = new PeriodicTimer(PollEvery);
        var heap = await ProbeAsync(http, decommit: false);
        for (var i = 0; i < MaxReadings; i++)
        {
            await poll.WaitForNextTickAsync();
            var again = await ProbeAsync(http, decommit: false);
            var settled = Math.Abs(again.LiveBytes - heap.LiveBytes) <= heap.LiveBytes / 100;
            heap = again;
            if (settled)
            {
                break;
            }
        }

        var rss = await SettledResidentBytesAsync(poll);
        await ProbeAsync(http, decommit: true);
        return new ServerMemory(rss, await SettledResidentBytesAsync(poll), heap);
    }

    /// <summary>The resident set, read until it stops falling.</summary>
    private async Task<long> SettledResidentBytesAsync(PeriodicTimer poll)
    {
        var rss = _child.ResidentBytes();
        for (var i = 0; i < MaxReadings; i++)
        {
            await poll.WaitForNextTickAsync();
            var now = _child.ResidentBytes();
            if (now >= rss)
            {
                break;
            }

            rss = now;
        }

        return rss;
    }

    private static async Task<MemoryReading> ProbeAsync(HttpClient http, bool decommit) =>
        await http.GetFromJsonAsync<MemoryReading>(decommit ? $"{MemoryProbe.Path}?decommit=true" : MemoryProbe.Path)
        ?? throw new InvalidOperationException("The memory probe answered nothing.");

    public ValueTask DisposeAsync() => _child.DisposeAsync();
}

/// <summary>
/// A server's resident set after a full collection, its resident set once the GC has also returned the memory
/// it keeps free, and the probe's heap reading.
/// </summary>
public sealed record ServerMemory(long RssBytes, long DecommittedRssBytes, MemoryReading Heap);
