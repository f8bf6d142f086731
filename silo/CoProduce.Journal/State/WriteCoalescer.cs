namespace CoProduce.Journal.State;

/// <summary>
/// Group commit for one state: callers that change the state while a write is in flight share the next
/// write, and each caller's task completes only when a write holding its change is durable. Used only
/// from the activation's scheduler (one turn at a time), so it needs no locks.
/// </summary>
internal sealed class WriteCoalescer
{
    private TaskCompletionSource? _next;
    private bool _writing;

    /// <summary>Set once a write failed: nothing more may be written from this copy of the state.</summary>
    public Exception? Poison { get; private set; }

    public Task Join(Func<Task> write, Action onPoisoned)
    {
        if (Poison is not null)
        {
            return Task.FromException(Poison);
        }

        _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var joined = _next.Task;
        if (!_writing)
        {
            _ = RunAsync(write, onPoisoned);
        }

        return joined;
    }

    private async Task RunAsync(Func<Task> write, Action onPoisoned)
    {
        _writing = true;
        while (_next is { } batch)
        {
            _next = null;
            try
            {
                await write();
                batch.SetResult();
            }
            catch (Exception e)
            {
                Poison = e;
                batch.SetException(e);
                _next?.SetException(e);
                _next = null;
                onPoisoned();
                break;
            }
        }

        _writing = false;
    }
}
