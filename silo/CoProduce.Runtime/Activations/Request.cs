using CoProduce.Runtime.Dispatch;
using CoProduce.Runtime.Grains;

namespace CoProduce.Runtime.Activations;

/// <summary>
/// A unit of work for an activation that could not run inline: a queued call, a call that awaited, a
/// timer tick or a reminder. It carries who called (for the wait chain in timeout messages).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The timeout timer is disposed when the request is answered.")]
internal abstract class Request(Activation? caller, Interleaving interleaving, string description, bool keepsAlive)
{
    private static readonly ContextCallback RunInContext = static state => ((Request)state!).RunCore(((Request)state!).Target!);

    // The caller's execution context (its log scopes, its Activity and so its trace id) goes with a
    // queued request, as it does with a call that runs inline, so grain work stays correlated.
    private readonly ExecutionContext? _callerContext = ExecutionContext.Capture();
    private Timer? _timeout;

    public Activation? Caller { get; } = caller;

    public Activation? Target { get; set; }

    public Interleaving Interleaving { get; } = interleaving;

    public string Description { get; } = description;

    /// <summary>Whether finishing this request counts as activity (timer ticks do not keep a grain alive).</summary>
    public bool KeepsAlive { get; } = keepsAlive;

    /// <summary>In a reentrant grain, the tag of the events this request raises (see <see cref="Events.EventOwner"/>).</summary>
    public object? EventOwner { get; set; }

    /// <summary>True once the caller has its answer (result, error or timeout).</summary>
    public abstract bool IsAnswered { get; }

    public abstract Task ResultTask { get; }

    /// <summary>Starts the work on the grain instance, inside the target's executor.</summary>
    protected abstract Task Start(Grain grain);

    protected abstract void Answer(Task finished);

    public abstract void Fail(Exception exception);

    /// <summary>Gives the caller what the grain's task ended with: its result, its exceptions as thrown, or cancellation.</summary>
    protected static void CopyOutcome<T>(Task finished, TaskCompletionSource<T> answer, Func<Task, T> result)
    {
        if (finished.IsFaulted)
        {
            answer.TrySetException(finished.Exception!.InnerExceptions);
        }
        else if (finished.IsCanceled)
        {
            answer.TrySetCanceled();
        }
        else
        {
            answer.TrySetResult(result(finished));
        }
    }

    /// <summary>Registers the request as awaited and arms its response timeout.</summary>
    public void BeginWaiting(GrainRuntime runtime)
    {
        if (_timeout is not null)
        {
            return;
        }

        runtime.Outstanding.TryAdd(this, 0);
        _timeout = new Timer(static state => ((Request)state!).OnTimeout(), this, runtime.Options.ResponseTimeout, Timeout.InfiniteTimeSpan);
        if (IsAnswered)
        {
            EndWaiting(runtime);
        }
    }

    /// <summary>Runs inside the target's executor once the request was admitted, in the caller's execution context.</summary>
    public void Run(Activation target)
    {
        if (_callerContext is null)
        {
            RunCore(target);
        }
        else
        {
            Target = target;
            ExecutionContext.Run(_callerContext, RunInContext, this);
        }
    }

    private void RunCore(Activation target)
    {
        Task task;
        if (target.Class.IsReentrant)
        {
            EventOwner ??= new object();
        }

        var previousOwner = EventOwner is { } owner ? Events.EventOwner.Enter(owner) : null;
        try
        {
            task = Start(target.Instance);
        }
        catch (Exception e)
        {
            task = Task.FromException(e);
        }
        finally
        {
            if (EventOwner is not null)
            {
                Events.EventOwner.Exit(previousOwner);
            }
        }

        target.Track(this, task);
    }

    public void Finish(Task finished)
    {
        Answer(finished);
        if (Target is { } target)
        {
            EndWaiting(target.Runtime);
        }
    }

    private void EndWaiting(GrainRuntime runtime)
    {
        _timeout?.Dispose();
        runtime.Outstanding.TryRemove(this, out _);
    }

    private void OnTimeout()
    {
        if (IsAnswered || Target is not { } target)
        {
            return;
        }

        Fail(new GrainCallTimeoutException(target.Runtime.DescribeWait(this)));
        EndWaiting(target.Runtime);
    }
}
