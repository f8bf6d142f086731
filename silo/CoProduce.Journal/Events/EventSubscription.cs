using System.Threading.Channels;

namespace CoProduce.Journal.Events;

/// <summary>One subscriber's ordered queue of events and the loop that hands them over.</summary>
internal sealed class EventSubscription : IDisposable
{
    private readonly Channel<GrainEvent> _queue = Channel.CreateUnbounded<GrainEvent>(new() { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<GrainEvent, CancellationToken, ValueTask> _handler;
    private readonly Action<Exception> _onError;
    private readonly Action<EventSubscription> _onDispose;

    public EventSubscription(Func<GrainEvent, CancellationToken, ValueTask> handler, Action<Exception> onError, Action<EventSubscription> onDispose)
    {
        _handler = handler;
        _onError = onError;
        _onDispose = onDispose;
        // Off the grain's scheduler: a subscriber never runs inside, or holds up, the grain that committed.
        _ = Task.Run(PumpAsync);
    }

    public void Deliver(GrainEvent grainEvent) => _queue.Writer.TryWrite(grainEvent);

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var grainEvent in _queue.Reader.ReadAllAsync(_stop.Token))
            {
                try
                {
                    await _handler(grainEvent, _stop.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _onError(e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _stop.Cancel();
        _onDispose(this);
    }
}
