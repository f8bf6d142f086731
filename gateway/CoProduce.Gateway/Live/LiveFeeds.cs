using System.Collections.Concurrent;
using CoProduce.Grains.Live;
using CoProduce.Journal.Events;
using CoProduce.Journal.Notices;

namespace CoProduce.Gateway.Live;

/// <summary>
/// This node's project feeds, the listener that hears other nodes' live notices, and the heartbeat that
/// keeps this node's connections present in each session it holds some in (a node that dies stops
/// beating, and the sessions take its connections out of presence).
/// </summary>
internal sealed partial class LiveFeeds(
    IGrainEventStream stream,
    IClusterNotices notices,
    IGrainFactory grains,
    LiveOptions options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<LiveFeeds> logger) : IHostedService
{
    private readonly ConcurrentDictionary<Guid, Lazy<ProjectFeed>> _feeds = new();
    private IDisposable? _listening;
    private Task _beating = Task.CompletedTask;

    /// <summary>This gateway process, as the live grains know it: its connections are present while it beats.</summary>
    public string Node { get; } = Guid.NewGuid().ToString("N");

    public ProjectFeed For(Guid projectId) =>
        _feeds.GetOrAdd(projectId, id => new Lazy<ProjectFeed>(() => new ProjectFeed(id, stream, logger))).Value;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listening = notices.Listen(LiveNotices.Channel, OnNotice, OnResync);
        _beating = BeatAsync(lifetime.ApplicationStopping);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _listening?.Dispose();
        await _beating.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Beats once for every session this node holds connections in (also what the timer does).</summary>
    public async Task BeatOnceAsync()
    {
        foreach (var feed in _feeds.Values.Where(f => f.IsValueCreated).Select(f => f.Value).Where(f => f.HasMembers))
        {
            try
            {
                if (!await grains.GetGrain<IProjectLiveGrain>(feed.ProjectId).Heartbeat(Node, options.PresenceLease))
                {
                    // This node was silent too long and its connections were taken out of presence.
                    feed.CloseAll();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogBeatFailed(logger, feed.ProjectId, e);
            }
        }
    }

    private async Task BeatAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(options.HeartbeatInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                await BeatOnceAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void OnNotice(string payload)
    {
        if (LiveNotices.TryParse(payload, out var projectId, out var sequence) && _feeds.TryGetValue(projectId, out var feed))
        {
            feed.Value.Notice(sequence);
        }
    }

    private void OnResync()
    {
        foreach (var feed in _feeds.Values)
        {
            feed.Value.Resync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live heartbeat for project {ProjectId} failed")]
    private static partial void LogBeatFailed(ILogger logger, Guid projectId, Exception exception);
}
