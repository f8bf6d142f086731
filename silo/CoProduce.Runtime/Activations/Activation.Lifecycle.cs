using System.Diagnostics;
using CoProduce.Runtime.Grains;
using CoProduce.Runtime.Telemetry;
using CoProduce.Runtime.Timers;
using CoProduce.Telemetry;
using Microsoft.Extensions.Logging;

namespace CoProduce.Runtime.Activations;

/// <summary>Activation, deactivation and timers: the parts of an activation's life outside requests.</summary>
internal sealed partial class Activation
{
    private void RunActivation()
    {
        var context = _activationContext;
        _activationContext = null;
        if (context is null)
        {
            _ = ActivateAsync();
        }
        else
        {
            ExecutionContext.Run(context, static s => _ = ((Activation)s!).ActivateAsync(), this);
        }
    }

    /// <summary>The activation step: create the grain, read its state, run OnActivateAsync. Runs in the executor.</summary>
    private async Task ActivateAsync()
    {
        using var span = CoProduceTelemetry.Source.StartActivity($"activate {Id.Type}");
        span?.SetTag(CoProduceTelemetry.GrainTypeTag, Id.Type);
        span?.SetTag(CoProduceTelemetry.GrainKeyTag, Unattributed.Key(Id.Key));
        var started = Stopwatch.GetTimestamp();
        try
        {
            var (instance, facets) = Class.Create(Runtime.Services, this);
            _instance = instance;
            _facets = facets;
            foreach (var facet in facets)
            {
                await facet.ReadStateAsync(Runtime.Stopping);
            }

            await instance.OnActivateAsync(Runtime.Stopping);
            lock (_lock)
            {
                _status = ActivationStatus.Valid;
                _lastActive = Environment.TickCount64;
                _counted = true;
                AfterChange();
            }

            var type = new KeyValuePair<string, object?>(CoProduceTelemetry.GrainTypeTag, Id.Type);
            CoProduceTelemetry.Activations.Add(1, type);
            CoProduceTelemetry.ActiveActivations.Add(1, type);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var shownId = UnattributedIds.Shown(Id);
            LogActivated(Runtime.Logger, shownId, elapsed.TotalMilliseconds);
        }
        catch (Exception e)
        {
            // A failed activation fails the calls waiting for it; the next call starts a fresh one.
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            LogActivationFailed(Runtime.Logger, UnattributedIds.Shown(Id), e);
            foreach (var request in Retire())
            {
                request.Fail(e);
            }
        }
    }

    /// <summary>Deactivates as soon as no request is in flight.</summary>
    public void RequestDeactivationOnIdle(DeactivationReason reason)
    {
        bool schedule;
        lock (_lock)
        {
            _deactivateWhenIdle ??= reason;
            schedule = _status == ActivationStatus.Valid && _running == 0 && AfterChange();
        }

        if (schedule)
        {
            Schedule();
        }
    }

    /// <summary>Asks the activation to deactivate when idle and returns when it has.</summary>
    public Task DeactivateAsync(DeactivationReason reason)
    {
        RequestDeactivationOnIdle(reason);
        return _deactivated.Task;
    }

    /// <summary>Collects the activation when it has been idle for at least <paramref name="idleAge"/>.</summary>
    public bool TryCollect(long nowTicks, TimeSpan idleAge)
    {
        bool schedule;
        lock (_lock)
        {
            if (_status != ActivationStatus.Valid || !IsIdle || nowTicks - _lastActive < idleAge.TotalMilliseconds)
            {
                return false;
            }

            BeginDeactivation(DeactivationReason.IdleCollected);
            schedule = ClaimExecutor();
        }

        if (schedule)
        {
            Schedule();
        }

        return true;
    }

    /// <summary>Under the lock, with the activation idle.</summary>
    private void BeginDeactivation(DeactivationReason reason)
    {
        _status = ActivationStatus.Deactivating;
        _work.Enqueue(new WorkItem(static s => _ = ((Activation, DeactivationReason))s! switch
        {
            var (activation, why) => activation.DeactivateCoreAsync(why),
        }, (this, reason)));
    }

    private async Task DeactivateCoreAsync(DeactivationReason reason)
    {
        List<GrainTimer> timers;
        lock (_lock)
        {
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }

        try
        {
            using var timeout = new CancellationTokenSource(Runtime.Options.DeactivationTimeout);
            await Instance.OnDeactivateAsync(reason, timeout.Token);
        }
        catch (Exception e)
        {
            LogDeactivationFailed(Runtime.Logger, Id, e);
        }

        // Calls that arrived while deactivating go to the next activation.
        foreach (var request in Retire())
        {
            Runtime.Redispatch(Id, request);
        }
    }

    /// <summary>Marks the activation gone, drops it from the directory and hands back the calls still waiting.</summary>
    private List<Request> Retire()
    {
        List<Request> waiting;
        lock (_lock)
        {
            _status = ActivationStatus.Deactivated;
            waiting = [.. _pending];
            _pending.Clear();
        }

        if (_counted)
        {
            _counted = false;
            CoProduceTelemetry.ActiveActivations.Add(-1, new KeyValuePair<string, object?>(CoProduceTelemetry.GrainTypeTag, Id.Type));
        }

        Runtime.Forget(this);
        _deactivated.TrySetResult();
        return waiting;
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Start();
        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Grain {GrainId} activated in {ElapsedMs:0.0} ms")]
    private static partial void LogActivated(ILogger logger, GrainId grainId, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain {GrainId} failed to activate")]
    private static partial void LogActivationFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain {GrainId} failed in OnDeactivateAsync")]
    private static partial void LogDeactivationFailed(ILogger logger, GrainId grainId, Exception exception);
}
