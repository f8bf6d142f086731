using System.Collections.Concurrent;
using System.Collections.Immutable;
using CoProduce.Runtime.Grains;
using CoProduce.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace CoProduce.Runtime.Events;

/// <summary>
/// In-process delivery of committed grain events. Each subscription has its own queue and reader, so a
/// slow subscriber never holds up the grain or other subscribers, and each sees events in order.
/// </summary>
internal sealed partial class GrainEventStream(IGrainStorage storage, ILogger<GrainEventStream> logger) : IGrainEventStream
{
    private readonly ConcurrentDictionary<GrainId, ImmutableArray<EventSubscription>> _subscriptions = new();

    public IDisposable Subscribe(GrainId grain, Func<GrainEvent, CancellationToken, ValueTask> handler)
    {
        var subscription = new EventSubscription(handler, e => LogHandlerFailed(logger, grain, e), s => Remove(grain, s));
        _subscriptions.AddOrUpdate(grain, _ => [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    public async Task<IReadOnlyList<GrainEvent>> ReadAsync(GrainId grain, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await storage.ReadJournalAsync(grain.Type, grain.Key, afterSequence, limit, cancellationToken);
    }

    public void Publish(GrainId grain, IReadOnlyList<JournalAppend> batch)
    {
        if (!_subscriptions.TryGetValue(grain, out var subscriptions))
        {
            return;
        }

        foreach (var row in batch)
        {
            var grainEvent = new GrainEvent(grain, row.Sequence, row.EventType, row.Json, row.RecordedAt);
            foreach (var subscription in subscriptions)
            {
                subscription.Deliver(grainEvent);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "An event subscriber of {GrainId} threw")]
    private static partial void LogHandlerFailed(ILogger logger, GrainId grainId, Exception exception);
}
