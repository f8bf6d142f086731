using System.Collections.Concurrent;
using CoProduce.Grains.Live;
using CoProduce.Journal.Events;

namespace CoProduce.Gateway.Live;

/// <summary>
/// This node's project feeds, its observer that hears live events committed on other silos, and the heartbeat
/// that keeps this node's connections present (and its observer known) in each session it holds some in (a node
/// that dies stops beating, and the sessions take its connections and its observer out).
/// </summary>
internal sealed partial class LiveFeeds(
    IGrainEventStream stream,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    LiveOptions options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<LiveFeeds> logger) : IHostedService, ILiveObserver
{
    private readonly ConcurrentDictionary<Guid, Lazy<ProjectFeed>> _feeds = new();
    private readonly Lock _gate = new();
    private ILiveObserver? _observer;
    private Task _beating = Task.CompletedTask;

    /// <summary>This gateway process, as the live grains know it: its connections are present while it beats.</summary>
    public string Node { get; } = Guid.NewGuid().ToString("N");

    /// <summary>This node's silo: a live grain here needs no observer call to reach this node's feeds.</summary>
    public string Silo => silo.SiloAddress.ToParsableString();

    /// <summary>The reference the live grains call this node's <see cref="Committed"/> through (made on first use, once the silo runs).</summary>
    public ILiveObserver Observer
    {
        get
        {
            lock (_gate)
            {
                return _observer ??= grains.CreateObjectReference<ILiveObserver>(this);
            }
        }
    }

    public ProjectFeed For(Guid projectId) =>
        _feeds.GetOrAdd(projectId, id => new Lazy<ProjectFeed>(() => new ProjectFeed(id, stream, logger))).Value;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _beating = BeatAsync(lifetime.ApplicationStopping);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _beating.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>A live grain on another silo committed <paramref name="committed"/>: the project's feed here sends it on, in order.</summary>
    public Task Committed(Guid projectId, GrainEvent committed)
    {
        if (_feeds.TryGetValue(projectId, out var feed) && feed.IsValueCreated)
        {
            feed.Value.Committed(committed);
        }

        return Task.CompletedTask;
    }

    /// <summary>Beats once for every session this node holds connections in (also what the timer does).</summary>
    public async Task BeatOnceAsync()
    {
        foreach (var feed in _feeds.Values.Where(f => f.IsValueCreated).Select(f => f.Value).Where(f => f.HasMembers))
        {
            try
            {
                var beat = await grains.GetGrain<IProjectLiveGrain>(feed.ProjectId).Heartbeat(Node, options.PresenceLease, Observer, Silo);
                if (!beat.Present)
                {
                    // This node was silent too long and its connections were taken out of presence.
                    feed.CloseAll();
                }
                else
                {
                    // Pushes to the observer may have been lost (a new activation of the session, a dropped call).
                    feed.Notice(beat.Sequence);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live heartbeat for project {ProjectId} failed")]
    private static partial void LogBeatFailed(ILogger logger, Guid projectId, Exception exception);
}
