using System.Collections.Concurrent;
using CoProduce.Grains.Live;
using CoProduce.Live;
using CoProduce.Runtime.Events;
using CoProduce.Runtime.Notices;
using Microsoft.AspNetCore.SignalR;

namespace CoProduce.Gateway.Live;

/// <summary>This node's project feeds, and the listener that hears other nodes' live notices.</summary>
internal sealed class LiveFeeds(
    IHubContext<ProjectHub, IProjectHubClient> hub,
    IGrainEventStream stream,
    IClusterNotices notices,
    ILogger<LiveFeeds> logger) : IHostedService
{
    private readonly ConcurrentDictionary<Guid, Lazy<ProjectFeed>> _feeds = new();
    private IDisposable? _listening;

    public ProjectFeed For(Guid projectId) =>
        _feeds.GetOrAdd(projectId, id => new Lazy<ProjectFeed>(() => new ProjectFeed(id, hub, stream, logger))).Value;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listening = notices.Listen(LiveNotices.Channel, OnNotice, OnResync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _listening?.Dispose();
        return Task.CompletedTask;
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
}
