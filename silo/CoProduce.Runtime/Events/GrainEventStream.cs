using System.Collections.Concurrent;
using System.Collections.Immutable;
using CoProduce.Journal.Storage;
using CoProduce.Runtime.Grains;
using Microsoft.Extensions.Logging;

namespace CoProduce.Runtime.Events;

/// <summary>
/// In-process delivery of committed grain events. Each subscription has its own queue and reader, so a
/// slow subscriber never holds up the grain or other subscribers, and each sees events in order.
/// </summary>
internal sealed partial class GrainEventStream(IGrainStorage storage, ILogger<GrainEventStream> logger) : IGrainEventStream
{
    private readonly ConcurrentDictionary<GrainId, ImmutableArray<EventSubscription>> _subscriptions = new();
    private readonly ConcurrentDictionary<string, ImmutableArray<EventSubscription>> _typeSubscriptions = new(StringComparer.Ordinal);

    public IDisposable Subscribe(GrainId grain, Func<GrainEvent, CancellationToken, ValueTask> handler)
    {
        var subscription = new EventSubscription(handler, e => LogHandlerFailed(logger, grain, e), s => Remove(grain, s));
        _subscriptions.AddOrUpdate(grain, _ => [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    public IDisposable SubscribeType(string grainType, Func<GrainEvent, CancellationToken, ValueTask> handler)
    {
        var subscription = new EventSubscription(handler, e => LogTypeHandlerFailed(logger, grainType, e), s => RemoveType(grainType, s));
        _typeSubscriptions.AddOrUpdate(grainType, _ => [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    public async Task<IReadOnlyList<GrainEvent>> ReadAsync(GrainId grain, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await storage.ReadJournalAsync(grain.Type, grain.Key, afterSequence, limit, cancellationToken);
    }

    public void Publish(GrainId grain, IReadOnlyList<JournalAppend> batch)
    {
        _subscriptions.TryGetValue(grain, out var subscriptions);
        _typeSubscriptions.TryGetValue(grain.Type, out var typeSubscriptions);
        if (subscriptions.IsDefaultOrEmpty && typeSubscriptions.IsDefaultOrEmpty)
        {
            return;
        }

        foreach (var row in batch)
        {
            var grainEvent = new GrainEvent(grain, row.Sequence, row.EventType, row.Json, row.RecordedAt);
            foreach (var subscription in subscriptions.IsDefault ? [] : subscriptions)
            {
                subscription.Deliver(grainEvent);
            }

            foreach (var subscription in typeSubscriptions.IsDefault ? [] : typeSubscriptions)
            {
                subscription.Deliver(grainEvent);
            }
        }
    }

    private void RemoveType(string grainType, EventSubscription subscription)
    {
        while (_typeSubscriptions.TryGetValue(grainType, out var list))
        {
            var updated = list.Remove(subscription);
            var done = updated.IsEmpty
                ? _typeSubscriptions.TryRemove(new KeyValuePair<string, ImmutableArray<EventSubscription>>(grainType, list))
                : _typeSubscriptions.TryUpdate(grainType, updated, list);
            if (done)
            {
                return;
            }
        }
    }

    private void Remove(GrainId grain, EventSubscription subscription)
    {
        while (_subscriptions.TryGetValue(grain, out var list))
        {
            var updated = list.Remove(subscription);
            var done = updated.IsEmpty
                ? _subscriptions.TryRemove(new KeyValuePair<GrainId, ImmutableArray<EventSubscription>>(grain, list))
                : _subscriptions.TryUpdate(grain, updated, list);
            if (done)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An event subscriber of grain type {GrainType} threw")]
    private static partial void LogTypeHandlerFailed(ILogger logger, string grainType, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An event subscriber of {GrainId} threw")]
    private static partial void LogHandlerFailed(ILogger logger, GrainId grainId, Exception exception);
}
