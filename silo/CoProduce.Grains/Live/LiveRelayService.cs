using System.Collections.Concurrent;
using System.Text.Json;
using CoProduce.Journal.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoProduce.Grains.Live;

/// <summary>
/// On every node (gateway or silo worker): events the agenda and decision grains commit here are relayed
/// to their project's live grain. Grains never know about connections; this is the link between them and the
/// live session. A relay that fails is tried again on a timer (1 s, doubling up to 30 s), not only when the
/// project's next event comes; one lost with its node is caught up when the live grain next activates. Stopping waits
/// for the relays under way (this service stops before the silo it runs in), so a short-lived host such as
/// <c>seed-demo</c> does not end with a relay failing against a silo that is shutting down.
/// </summary>
internal sealed partial class LiveRelayService(
    IGrainEventStream stream,
    IGrainFactory grains,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<LiveRelayService> logger) : IHostedService
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    private readonly List<IDisposable> _subscriptions = [];
    private readonly ConcurrentDictionary<Guid, ProjectRelay> _projects = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscriptions.Add(stream.SubscribeType(LiveTranslation.AgendaType, Relay));
        _subscriptions.Add(stream.SubscribeType(LiveTranslation.DecisionType, Relay));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscriptions.ForEach(s => s.Dispose());
        try
        {
            // A relay that fails now does not retry (the application is stopping), so this ends with the relays.
            await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Out of time to stop: what was not relayed is caught up when the live grain next activates.
        }
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
                var running = RunAsync(projectId, relay);
                _running.TryAdd(running, 0);
                _ = running.ContinueWith(done => _running.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
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

    private static Guid? ProjectOf(GrainEvent e)
    {
        using var json = JsonDocument.Parse(e.Json);
        return json.RootElement.TryGetProperty("projectId", out var id) && id.TryGetGuid(out var projectId) ? projectId : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying {Count} events to the live session of project {ProjectId} failed; trying again in {Delay}")]
    private static partial void LogRelayFailed(ILogger logger, Guid projectId, int count, TimeSpan delay, Exception exception);
}
