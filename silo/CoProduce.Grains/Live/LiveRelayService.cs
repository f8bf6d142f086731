using System.Text.Json;
using CoProduce.Runtime.Events;
using CoProduce.Runtime.Grains;
using CoProduce.Runtime.Notices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoProduce.Grains.Live;

/// <summary>
/// On every node (gateway or silo worker): events the agenda and decision grains commit here are relayed
/// to their project's live grain, and each live event committed here is announced to every node. Grains
/// never know about connections; this is the observer between them and the hubs.
/// </summary>
internal sealed partial class LiveRelayService(
    IGrainEventStream stream,
    IGrainFactory grains,
    IClusterNotices notices,
    ILogger<LiveRelayService> logger) : IHostedService
{
    private readonly List<IDisposable> _subscriptions = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscriptions.Add(stream.SubscribeType(LiveTranslation.AgendaType, Relay));
        _subscriptions.Add(stream.SubscribeType(LiveTranslation.DecisionType, Relay));
        _subscriptions.Add(stream.SubscribeType(LiveNotices.GrainType, Announce));
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

        // Not awaited: the live grain takes relays one at a time and each catches up on the ones before,
        // so one project's session never holds up another's.
        _ = RelayAsync(projectId, e);
        return ValueTask.CompletedTask;
    }

    private async Task RelayAsync(Guid projectId, GrainEvent e)
    {
        try
        {
            await grains.GetGrain<IProjectLiveGrain>(projectId).Relay(e.Grain.Type, Guid.Parse(e.Grain.Key), e.Sequence);
        }
        catch (Exception failure)
        {
            // The next event of the same source relays this one too.
            LogRelayFailed(logger, e.Grain, e.Sequence, failure);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying {Grain} event {Sequence} to its live session failed")]
    private static partial void LogRelayFailed(ILogger logger, GrainId grain, long sequence, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing live event {Grain} {Sequence} to other nodes failed")]
    private static partial void LogAnnounceFailed(ILogger logger, GrainId grain, long sequence, Exception exception);
}
