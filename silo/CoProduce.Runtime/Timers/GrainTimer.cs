using CoProduce.Runtime.Activations;

namespace CoProduce.Runtime.Timers;

/// <summary>
/// A timer owned by one activation. Each tick is queued as a turn of the grain; the next tick is armed
/// only after the callback finished, so ticks never overlap.
/// </summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly Activation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly TimeSpan _dueTime;
    private readonly TimeSpan _period;
    private readonly Timer _timer;
    private readonly CancellationTokenSource _disposed = new();

    public GrainTimer(Activation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        _activation = activation;
        _callback = callback;
        _dueTime = dueTime;
        _period = period;
        _timer = new Timer(static s => ((GrainTimer)s!).Tick(), this, Timeout.Infinite, Timeout.Infinite);
    }

    public void Start() => _timer.Change(_dueTime, Timeout.InfiniteTimeSpan);

    private void Tick()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        var request = new SystemRequest(_ => _callback(_disposed.Token), "timer tick", keepsAlive: false, onFinished: Rearm);
        if (!_activation.Enqueue(request))
        {
            Dispose();
        }
    }

    private void Rearm()
    {
        if (_disposed.IsCancellationRequested || _period == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        try
        {
            _timer.Change(_period, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and the change: nothing more to do.
        }
    }

    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        _timer.Dispose();
        _activation.RemoveTimer(this);
    }
}
