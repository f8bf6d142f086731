using System.Diagnostics;
using CoProduce.LiveBench.Clients;
using CoProduce.LiveBench.Sessions;

namespace CoProduce.LiveBench.Measure;

/// <summary>One server under test with its listening clients and its actor, and what was measured of it.</summary>
public sealed class Contender(ILiveTarget target) : IAsyncDisposable
{
    private static readonly TimeSpan PushLimit = TimeSpan.FromSeconds(60);

    /// <summary>The pause after each push.</summary>
    public static readonly TimeSpan PushPause = TimeSpan.FromMilliseconds(150);

    private LightClient? _actor;
    private int _round;

    public ILiveTarget Target { get; } = target;

    public ClientFleet Fleet { get; } = new();

    public MemoryPoint? Idle { get; private set; }

    public MemoryPoint? Loaded { get; private set; }

    /// <summary>
    /// Connects some clients, pushes to them <paramref name="pushes"/> times and lets them go, so that the join
    /// and push paths have been called often enough to be compiled at their final tier before memory is read
    /// (the runtime recompiles a method after 30 calls).
    /// </summary>
    public async Task WarmUpAsync(int clients, int pushes)
    {
        var actor = await Target.OpenActorAsync(CancellationToken.None);
        await using (var fleet = new ClientFleet())
        {
            await fleet.GrowToAsync(clients, (n, token) => Target.OpenAsync(n, token));
            for (var i = 0; i < pushes; i++)
            {
                await PushAsync(actor, fleet);

                // Paced as the measured pushes are, within the gateway's per-connection rate limit (10 calls a second).
                await Task.Delay(PushPause);
            }
        }

        await actor.DisposeAsync();
    }

    public async Task ReadIdleAsync() => Idle = await ReadAsync(0);

    public async Task ReadLoadedAsync() => Loaded = await ReadAsync(Fleet.Count + (_actor is null ? 0 : 1));

    public async Task GrowToAsync(int clients, bool join = true)
    {
        Target.JoinOnOpen = join;
        _actor ??= await Target.OpenActorAsync(CancellationToken.None);
        await Fleet.GrowToAsync(clients, (n, token) => Target.OpenAsync(n, token));
    }

    /// <summary>One push: from just before the actor's call until the last client received it, in milliseconds.</summary>
    public Task<double> PushAsync() => PushAsync(_actor ?? throw new InvalidOperationException("Grow the fleet first."), Fleet);

    private async Task<double> PushAsync(LightClient actor, ClientFleet fleet)
    {
        var before = fleet.Counts();
        var round = _round++;
        var sentAt = Stopwatch.GetTimestamp();
        var call = Target.ActAsync(actor, round, CancellationToken.None);
        var elapsed = await fleet.AllReceivedAsync(before, sentAt, PushLimit);
        await call;
        return elapsed;
    }

    private async Task<MemoryPoint> ReadAsync(int connections)
    {
        // The reading waits until the server's memory has settled (see ServerProcess.MemoryAsync).
        var memory = await Target.Server.MemoryAsync();
        return new MemoryPoint(connections, memory.RssBytes, memory.DecommittedRssBytes, memory.Heap.LiveBytes, memory.Heap.CommittedBytes, memory.Heap.ProcessId);
    }

    public async ValueTask DisposeAsync()
    {
        await Fleet.DisposeAsync();
        if (_actor is not null)
        {
            await _actor.DisposeAsync();
        }

        await Target.DisposeAsync();
    }
}

/// <summary>
/// A server's resident set (as the GC left it, and after it returned its free memory) and live managed heap
/// with a number of connections open.
/// </summary>
public sealed record MemoryPoint(int Connections, long RssBytes, long DecommittedRssBytes, long HeapBytes, long CommittedBytes, int ProcessId)
{
    /// <summary>Kilobytes per connection between <paramref name="idle"/> and this point.</summary>
    public MemoryPerConnection PerConnectionKb(MemoryPoint idle)
    {
        double Per(long now, long before) => (now - before) / 1024.0 / (Connections - idle.Connections);
        return new MemoryPerConnection(Per(RssBytes, idle.RssBytes), Per(DecommittedRssBytes, idle.DecommittedRssBytes), Per(HeapBytes, idle.HeapBytes));
    }
}

/// <summary>Kilobytes per connection: resident set, resident set after the GC returned its free memory, live heap.</summary>
public sealed record MemoryPerConnection(double Rss, double DecommittedRss, double Heap);
