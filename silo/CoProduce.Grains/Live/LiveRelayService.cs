using System.Collections.Concurrent;
using System.Text.Json;
using CoProduce.Journal.Events;
using CoProduce.Journal.Notices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoProduce.Grains.Live;

/// <summary>
/// On every node (gateway or silo worker): events the agenda and decision grains commit here are relayed
/// to their project's live grain, and, when the cluster has
/// other nodes (on PostgreSQL), each live event committed here is announced to every node. Grains
/// never know about connections; this is the observer between them and the hubs. A relay that fails is
/// tried again on a timer (1 s, doubling up to 30 s), not only when the project's next event comes.
/// </summary>
internal sealed partial class LiveRelayService(
    IGrainEventStream stream,
    IGrainFactory grains,
    IClusterNotices notices,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<LiveRelayService> logger) : IHostedService
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    private readonly List<IDisposable> _subscriptions = [];
    private readonly ConcurrentDictionary<Guid, ProjectRelay> _projects = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscriptions.Add(stream.SubscribeType(LiveTranslation.AgendaType, Relay));
        _subscriptions.Add(stream.SubscribeType(LiveTranslation.DecisionType, Relay));
        if (notices.ReachesOtherNodes)
        {
            // Only other nodes need the notice; a single node pushes from its own event stream.
            _subscriptions.Add(stream.SubscribeType(LiveNotices.GrainType, Announce));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscriptions.ForEach(s => s.Dispose());
        return Task.CompletedTask;
    }

    private ValueTask Relay(GrainEvent e, CancellationToken cancellationToken)
    {
        if (ProjectOf(e) is not { } projectId)
        {
            return ValueTask.CompletedTask;
        }

        while (true)
        {
            var relay = _projects.GetOrAdd(projectId, _ => new ProjectRelay());
            if (relay.Add(e) is not { } start)
            {
                continue;
            }

            if (start)
            {
                // Not awaited: one project's session never holds up another's.
                _ = RunAsync(projectId, relay);
            }

            return ValueTask.CompletedTask;
        }
    }

    private async Task RunAsync(Guid projectId, ProjectRelay relay)
    {
        var delay = FirstRetry;
        while (relay.Take(() => _projects.TryRemove(new KeyValuePair<Guid, ProjectRelay>(projectId, relay))) is { } events)
        {
            try
            {
                await grains.GetGrain<IProjectLiveGrain>(projectId).Relay(events);
                delay = FirstRetry;
            }
            catch (Exception failure)
            {
                LogRelayFailed(logger, projectId, events.Count, delay, failure);
                relay.PutBack(events);
                try
                {
                    await Task.Delay(delay, time, lifetime.ApplicationStopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, delay.Ticks * 2));
            }
        }
    }

    private async ValueTask Announce(GrainEvent e, CancellationToken cancellationToken)
    {
        try
        {
            await notices.PublishAsync(LiveNotices.Channel, LiveNotices.Format(Guid.Parse(e.Grain.Key), e.Sequence), cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // Other nodes catch up on the next notice, or when they resync.
            LogAnnounceFailed(logger, e.Grain, e.Sequence, failure);
        }
    }

    private static Guid? ProjectOf(GrainEvent e)
    {
        using var json = JsonDocument.Parse(e.Json);
        return json.RootElement.TryGetProperty("projectId", out var id) && id.TryGetGuid(out var projectId) ? projectId : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying {Count} events to the live session of project {ProjectId} failed; trying again in {Delay}")]
    private static partial void LogRelayFailed(ILogger logger, Guid projectId, int count, TimeSpan delay, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing live event {Grain} {Sequence} to other nodes failed")]
    private static partial void LogAnnounceFailed(ILogger logger, JournalId grain, long sequence, Exception exception);
}
