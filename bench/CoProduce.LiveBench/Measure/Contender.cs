using System.Diagnostics;
using CoProduce.LiveBench.Clients;
using CoProduce.LiveBench.Sessions;

namespace CoProduce.LiveBench.Measure;

/// <summary>One server under test with its listening clients and its actor, and what was measured of it.</summary>
public sealed class Contender(ILiveTarget target) : IAsyncDisposable
{
    private static readonly TimeSpan PushLimit = TimeSpan.FromSeconds(60);

    private LightClient? _actor;
    private int _round;

    public ILiveTarget Target { get; } = target;

    public ClientFleet Fleet { get; } = new();

    public MemoryPoint? Idle { get; private set; }

    public MemoryPoint? Loaded { get; private set; }

    /// <summary>Connects a few clients, pushes to them once and lets them go, so the code paths are compiled before memory is read.</summary>
    public async Task WarmUpAsync(int clients)
    {
        var actor = await Target.OpenActorAsync(CancellationToken.None);
        await using (var fleet = new ClientFleet())
        {
            await fleet.GrowToAsync(clients, (n, token) => Target.OpenAsync(n, token));
            await PushAsync(actor, fleet);
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
        var (rss, heap) = await Target.Server.MemoryAsync();
        return new MemoryPoint(connections, rss, heap.LiveBytes, heap.CommittedBytes, heap.ProcessId);
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

/// <summary>A server's resident set and live managed heap with a number of connections open.</summary>
public sealed record MemoryPoint(int Connections, long RssBytes, long HeapBytes, long CommittedBytes, int ProcessId)
{
    /// <summary>Kilobytes per connection between <paramref name="idle"/> and this point.</summary>
    public (double Rss, double Heap) PerConnectionKb(MemoryPoint idle) =>
        ((RssBytes - idle.RssBytes) / 1024.0 / (Connections - idle.Connections),
         (HeapBytes - idle.HeapBytes) / 1024.0 / (Connections - idle.Connections));
}
