using System.Collections.Concurrent;
using System.Collections.Immutable;
using CoProduce.Journal.Storage;
using Microsoft.Extensions.Logging;

namespace CoProduce.Journal.Events;

/// <summary>
/// Node-local delivery of committed grain events. Each subscription has its own queue and reader, so a
/// slow subscriber never holds up the grain or other subscribers, and each sees events in order.
/// </summary>
internal sealed partial class GrainEventStream(IGrainStorage storage, ILogger<GrainEventStream> logger) : IGrainEventStream
{
    private readonly ConcurrentDictionary<JournalId, ImmutableArray<EventSubscription>> _subscriptions = new();
    private readonly ConcurrentDictionary<string, ImmutableArray<EventSubscription>> _typeSubscriptions = new(StringComparer.Ordinal);

    public IDisposable Subscribe(JournalId grain, Func<GrainEvent, CancellationToken, ValueTask> handler)
    {
        var subscription = new EventSubscription(handler, e => LogHandlerFailed(logger, grain, e), s => Remove(_subscriptions, grain, s));
        _subscriptions.AddOrUpdate(grain, _ => [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    public IDisposable SubscribeType(string grainType, Func<GrainEvent, CancellationToken, ValueTask> handler)
    {
        var subscription = new EventSubscription(handler, e => LogTypeHandlerFailed(logger, grainType, e), s => Remove(_typeSubscriptions, grainType, s));
        _typeSubscriptions.AddOrUpdate(grainType, _ => [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    public async Task<IReadOnlyList<GrainEvent>> ReadAsync(JournalId grain, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var stored = await storage.ReadJournalAsync(grain.Type, grain.Key, afterSequence, limit, cancellationToken);
        return [.. stored.Select(e => new GrainEvent(grain, e.Sequence, e.Type, e.Json, e.RecordedAt))];
    }

    /// <summary>Hands a committed batch to the subscribers of its grain and grain type, in sequence order.</summary>
    public void Publish(JournalId grain, IReadOnlyList<JournalAppend> batch)
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

    private static void Remove<TKey>(ConcurrentDictionary<TKey, ImmutableArray<EventSubscription>> all, TKey key, EventSubscription subscription)
        where TKey : notnull
    {
        while (all.TryGetValue(key, out var list))
        {
            var updated = list.Remove(subscription);
            var done = updated.IsEmpty
                ? all.TryRemove(new KeyValuePair<TKey, ImmutableArray<EventSubscription>>(key, list))
                : all.TryUpdate(key, updated, list);
            if (done)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An event subscriber of grain type {GrainType} threw")]
    private static partial void LogTypeHandlerFailed(ILogger logger, string grainType, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An event subscriber of {Grain} threw")]
    private static partial void LogHandlerFailed(ILogger logger, JournalId grain, Exception exception);
}
