namespace CoProduce.Cluster.Tests;

/// <summary>
/// When the faults happen, driven by progress rather than time: a gateway dies once a third of the
/// writes are acknowledged, PostgreSQL goes down at a half. While the database is down, clients that
/// got a retryable error wait for it to come back instead of spinning.
/// </summary>
public sealed class FaultPlan(int totalWrites)
{
    private readonly TaskCompletionSource _killDue = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _restartDue = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorWhileDown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _healthy = Completed();
    private int _acknowledged;
    private volatile bool _databaseDown;

    public Task KillDue => _killDue.Task;

    public Task RestartDue => _restartDue.Task;

    /// <summary>Completes at the first 503 with Retry-After a client gets while the database is down.</summary>
    public Task ErrorWhileDatabaseDown => _errorWhileDown.Task;

    /// <summary>Completed unless the database is down on purpose.</summary>
    public Task Healthy => Volatile.Read(ref _healthy).Task;

    private int _retryableWhileDown;

    public int RetryableWhileDatabaseDown => Volatile.Read(ref _retryableWhileDown);

    public void Acknowledged()
    {
        var done = Interlocked.Increment(ref _acknowledged);
        if (done >= totalWrites / 3)
        {
            _killDue.TrySetResult();
        }

        if (done >= totalWrites / 2)
        {
            _restartDue.TrySetResult();
        }
    }

    /// <summary>A client got 503 problem details with Retry-After.</summary>
    public void RetryableError()
    {
        if (_databaseDown)
        {
            Interlocked.Increment(ref _retryableWhileDown);
            _errorWhileDown.TrySetResult();
        }
    }

    public void DatabaseGoingDown()
    {
        Volatile.Write(ref _healthy, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _databaseDown = true;
    }

    public void DatabaseBack()
    {
        _databaseDown = false;
        Volatile.Read(ref _healthy).TrySetResult();
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
