using CoProduce.Runtime.Dispatch;
using CoProduce.Runtime.Events;
using CoProduce.Runtime.Grains;
using CoProduce.Runtime.State;
using CoProduce.Runtime.Telemetry;
using CoProduce.Runtime.Timers;
using Microsoft.Extensions.Logging;

namespace CoProduce.Runtime.Activations;

/// <summary>
/// One in-memory instance of a grain. It is also the grain's synchronization context: every piece of
/// grain code (request starts and their continuations) runs through one executor, one item at a time,
/// so grain code never runs on two threads at once. Admission decides which requests may be in flight
/// together: one at a time unless the class is reentrant or the method interleaves.
/// </summary>
internal sealed partial class Activation : SynchronizationContext, IThreadPoolWorkItem
{
    private const int ItemsPerSlice = 64;
    private static readonly SendOrPostCallback StartRequest = static state => ((Request)state!).Run(((Request)state!).Target!);

    private readonly Lock _lock = new();
    private readonly Queue<WorkItem> _work = new();
    private readonly Queue<Request> _pending = new();
    private readonly List<GrainTimer> _timers = [];
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Grain? _instance;
    private IReadOnlyList<IStateFacet> _facets = [];
    private volatile ActivationStatus _status = ActivationStatus.Activating;
    private bool _executing;
    private int _running;
    private int _exclusive;
    private int _readers;
    private long _lastActive = Environment.TickCount64;
    private DeactivationReason? _deactivateWhenIdle;
    private ExecutionContext? _activationContext;
    private bool _counted;

    public Activation(GrainRuntime runtime, GrainClass grainClass, GrainId id)
    {
        Runtime = runtime;
        Class = grainClass;
        Id = id;
        Events = new ActivationEvents(this);
    }

    public GrainRuntime Runtime { get; }

    public GrainClass Class { get; }

    public GrainId Id { get; }

    public ActivationEvents Events { get; }

    public Grain Instance => _instance ?? throw new InvalidOperationException($"{Id} is not activated.");

    public bool IsDeactivated => _status == ActivationStatus.Deactivated;

    public ActivationStatus Status => _status;

    public Task Deactivated => _deactivated.Task;

    /// <summary>Queues the activation step; requests wait until it succeeds.</summary>
    public void Start()
    {
        // The activation runs in the context of the call that caused it, so its logs and span belong to that call.
        _activationContext = ExecutionContext.Capture();
        lock (_lock)
        {
            _work.Enqueue(new WorkItem(static s => ((Activation)s!).RunActivation(), this));
            _executing = true;
        }

        Schedule();
    }

    /// <summary>Fast path: claims the executor and a turn when the activation is idle.</summary>
    public bool TryEnterInline(Interleaving interleaving)
    {
        lock (_lock)
        {
            if (_status != ActivationStatus.Valid || IsStale || _executing || _work.Count != 0 || _pending.Count != 0 || !CanAdmit(interleaving))
            {
                return false;
            }

            _executing = true;
            Admit(interleaving);
            return true;
        }
    }

    /// <summary>Ends an inline call that completed synchronously.</summary>
    public void ExitInline(Interleaving interleaving, Task task, object? eventOwner)
    {
        bool schedule;
        lock (_lock)
        {
            _executing = false;
            Release(interleaving, keepsAlive: true, task, eventOwner);
            schedule = AfterChange();
        }

        if (schedule)
        {
            Schedule();
        }
    }

    /// <summary>An inline call awaited: frees the executor and tracks the rest as a request.</summary>
    public void ContinueInline(Request request, Task task)
    {
        bool schedule;
        lock (_lock)
        {
            _executing = false;
            schedule = AfterChange();
        }

        if (schedule)
        {
            Schedule();
        }

        request.Target = this;
        request.BeginWaiting(Runtime);
        Watch(request, task);
    }

    /// <summary>Queues a request; false when this activation is gone and the caller must look again.</summary>
    public bool Enqueue(Request request)
    {
        bool schedule = false;
        lock (_lock)
        {
            if (_status == ActivationStatus.Deactivated)
            {
                return false;
            }

            request.Target = this;
            var bypassQueue = request.Interleaving == Interleaving.Always || _pending.Count == 0;
            if (_status == ActivationStatus.Valid && !IsStale && bypassQueue && CanAdmit(request.Interleaving))
            {
                Admit(request.Interleaving);
                _work.Enqueue(new WorkItem(StartRequest, request));
                schedule = ClaimExecutor();
            }
            else
            {
                _pending.Enqueue(request);
            }
        }

        if (schedule)
        {
            Schedule();
        }

        return true;
    }

    /// <summary>Called in the executor when a queued request starts; hooks its completion.</summary>
    public void Track(Request request, Task task)
    {
        if (task.IsCompleted)
        {
            Complete(request, task);
        }
        else
        {
            Watch(request, task);
        }
    }

    private void Watch(Request request, Task task) =>
        task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => Complete(request, task));

    private void Complete(Request request, Task task)
    {
        bool schedule;
        lock (_lock)
        {
            Release(request.Interleaving, request.KeepsAlive, task, request.EventOwner);
            schedule = AfterChange();
        }

        if (schedule)
        {
            Schedule();
        }

        request.Finish(task);
    }

    private bool CanAdmit(Interleaving interleaving) => Class.IsReentrant || interleaving switch
    {
        Interleaving.Always => true,
        Interleaving.ReadOnly => _exclusive == 0,
        _ => _exclusive == 0 && _readers == 0 && _running == 0,
    };

    private void Admit(Interleaving interleaving)
    {
        _running++;
        if (interleaving == Interleaving.None)
        {
            _exclusive++;
        }
        else if (interleaving == Interleaving.ReadOnly)
        {
            _readers++;
        }
    }

    private void Release(Interleaving interleaving, bool keepsAlive, Task task, object? eventOwner)
    {
        _running--;
        if (interleaving == Interleaving.None)
        {
            _exclusive--;
        }
        else if (interleaving == Interleaving.ReadOnly)
        {
            _readers--;
        }

        if (keepsAlive)
        {
            _lastActive = Environment.TickCount64;
        }

        if (task.IsFaulted)
        {
            // A failed request's uncommitted events never happened. In a reentrant grain other requests
            // may have staged events that wait for a shared write, so only this request's own go.
            if (!Class.IsReentrant)
            {
                Events.DiscardStaged();
            }
            else if (eventOwner is not null)
            {
                Events.DiscardStagedBy(eventOwner);
            }

            if (task.Exception?.InnerException is InconsistentStateException)
            {
                // The in-memory copy is stale; the next call must read afresh.
                _deactivateWhenIdle ??= DeactivationReason.InconsistentState;
            }
        }
    }

    /// <summary>Admits what may now run and starts deactivation when asked for and idle. Under the lock.</summary>
    private bool AfterChange()
    {
        if (_status == ActivationStatus.Valid)
        {
            while (_pending.Count > 0 && !IsStale)
            {
                var next = _pending.Peek();
                if (next.IsAnswered)
                {
                    _pending.Dequeue();
                    continue;
                }

                if (!CanAdmit(next.Interleaving))
                {
                    break;
                }

                _pending.Dequeue();
                Admit(next.Interleaving);
                _work.Enqueue(new WorkItem(StartRequest, next));
            }

            if (_deactivateWhenIdle is { } reason && IsIdle)
            {
                BeginDeactivation(reason);
            }
        }

        return _work.Count > 0 && ClaimExecutor();
    }

    private bool IsIdle => _running == 0 && (_pending.Count == 0 || IsStale);

    /// <summary>
    /// The copy is known to be stale: no new request may start on it. Those waiting go to the next
    /// activation once the ones in flight have finished.
    /// </summary>
    private bool IsStale => _deactivateWhenIdle == DeactivationReason.InconsistentState;

    private bool ClaimExecutor()
    {
        if (_executing)
        {
            return false;
        }

        _executing = true;
        return true;
    }

    private void Schedule() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    /// <summary>Runs queued grain code, one item at a time, with this activation as the context.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        var yieldThread = false;
        try
        {
            for (var i = 0; ; i++)
            {
                WorkItem item;
                lock (_lock)
                {
                    if (_work.Count == 0)
                    {
                        _executing = false;
                        return;
                    }

                    if (i == ItemsPerSlice)
                    {
                        yieldThread = true;
                        break;
                    }

                    item = _work.Dequeue();
                }

                try
                {
                    item.Invoke();
                }
                catch (Exception e)
                {
                    LogWorkItemFailed(Runtime.Logger, UnattributedIds.Shown(Id), e);
                }
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }

        if (yieldThread)
        {
            Schedule();
        }
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        bool schedule;
        lock (_lock)
        {
            _work.Enqueue(new WorkItem(d, state));
            schedule = ClaimExecutor();
        }

        if (schedule)
        {
            Schedule();
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Grain code cannot block on its own activation.");

    public override SynchronizationContext CreateCopy() => this;

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain {GrainId}: a work item threw")]
    private static partial void LogWorkItemFailed(ILogger logger, GrainId grainId, Exception exception);
}
