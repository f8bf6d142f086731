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
        };
        return new ServerProcess(await ChildServer.StartAsync(mode, settings));
    }

    /// <summary>
    /// The process's memory once it has settled: the live heap after a full collection, read again until two
    /// readings agree within 1% (joins, presence writes and pings still in flight change it), and the
    /// resident set, read until it stops falling after that collection.
    /// </summary>
    public async Task<(long RssBytes, MemoryReading Heap)> MemoryAsync()
    {
        using var http = new HttpClient { BaseAddress = Address };
        using var poll = new PeriodicTimer(PollEvery);
        var heap = await ProbeAsync(http);
        for (var i = 0; i < MaxReadings; i++)
        {
            await poll.WaitForNextTickAsync();
            var again = await ProbeAsync(http);
            var settled = Math.Abs(again.LiveBytes - heap.LiveBytes) <= heap.LiveBytes / 100;
            heap = again;
            if (settled)
            {
                break;
            }
        }

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

        return (rss, heap);
    }

    private static async Task<MemoryReading> ProbeAsync(HttpClient http) =>
        await http.GetFromJsonAsync<MemoryReading>(MemoryProbe.Path)
        ?? throw new InvalidOperationException("The memory probe answered nothing.");

    public ValueTask DisposeAsync() => _child.DisposeAsync();
}
