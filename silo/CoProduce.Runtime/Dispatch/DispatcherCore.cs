using System.Reflection;
using CoProduce.Runtime.Activations;
using CoProduce.Runtime.Events;
using CoProduce.Runtime.Grains;
using CoProduce.Runtime.State;
using CoProduce.Runtime.Telemetry;

namespace CoProduce.Runtime.Dispatch;

/// <summary>The call path shared by every method shape; <typeparamref name="TTask"/> is Task or Task&lt;T&gt;.</summary>
internal abstract class DispatcherCore<TTask>(MethodInfo method, Interleaving interleaving, Func<object, object?[]?, TTask> invoker)
    : MethodDispatcher(method, interleaving)
    where TTask : Task
{
    // One interface belongs to one grain class, so the span name is the same for every call of this method.
    private string? _spanName;

    /// <summary>Starts the grain method; used when a queued request gets its turn.</summary>
    public Task Invoke(object grain, object?[]? args) => Start(((Grain)grain).Activation, args);

    /// <summary>Starts the grain method in the activation's turn, first checking its copy is current when multi-node.</summary>
    private TTask Start(Activation activation, object?[]? args) =>
        activation.Runtime.Options.MultiNode ? StartWhenFresh(activation, args) : invoker(activation.Instance, args);

    protected Func<object, object?[]?, TTask> Invoker => invoker;

    protected abstract TTask StartWhenFresh(Activation activation, object?[]? args);

    protected abstract TTask Faulted(Exception exception);

    /// <summary>
    /// Multi-node, for a call from outside the grains: a call that met a stale copy changed nothing in
    /// that grain, so it runs again on the fresh activation that replaces the stale one.
    /// </summary>
    protected static bool MayRetry(GrainProxy proxy, TTask first) =>
        !first.IsCompletedSuccessfully && proxy.Runtime.Options.MultiNode && SynchronizationContext.Current is not Activation;

    protected static bool IsStale(Exception exception) => exception is InconsistentStateException;

    protected abstract Request CreateRequest(object?[]? args, Activation? caller, GrainRuntime runtime);

    /// <summary>The call wrapped in a <see cref="GrainCallScope"/>; taken only while telemetry listens.</summary>
    protected abstract TTask Observed(GrainProxy proxy, object?[]? args);

    protected TTask CallCore(GrainProxy proxy, object?[]? args) =>
        GrainCallScope.IsObserved ? Observed(proxy, args) : CallUnobserved(proxy, args);

    protected GrainCallScope StartScope(GrainProxy proxy)
    {
        var id = proxy.Id;
        var spanName = _spanName ??= $"{id.Type}/{Name}";
        return GrainCallScope.Start(spanName, id.Type, id.Key, Name);
    }

    protected TTask CallUnobserved(GrainProxy proxy, object?[]? args)
    {
        var caller = SynchronizationContext.Current;
        var activation = proxy.Resolve();
        if (activation.TryEnterInline(Interleaving))
        {
            // Fast path: the activation is idle, so the call runs on the caller's thread, as a
            // SemaphoreSlim-guarded call would, with the activation as the synchronization context.
            TTask task;
            var owner = activation.Class.IsReentrant ? new object() : null;
            var previousOwner = owner is null ? null : EventOwner.Enter(owner);
            SynchronizationContext.SetSynchronizationContext(activation);
            try
            {
                task = Start(activation, args);
            }
            catch (Exception e)
            {
                task = Faulted(e);
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(caller);
                if (owner is not null)
                {
                    EventOwner.Exit(previousOwner);
                }
            }

            if (task.IsCompleted)
            {
                activation.ExitInline(Interleaving, task, owner);
                return task;
            }

            var running = CreateRequest(args, caller as Activation, proxy.Runtime);
            running.EventOwner = owner;
            activation.ContinueInline(running, task);
            return (TTask)running.ResultTask;
        }

        var request = CreateRequest(args, caller as Activation, proxy.Runtime);
        proxy.Runtime.Dispatch(proxy, request);
        return (TTask)request.ResultTask;
    }
}

/// <summary>Dispatches a method returning Task&lt;T&gt;.</summary>
internal class TaskDispatcher<T>(MethodInfo method, Interleaving interleaving, Func<object, object?[]?, Task<T>> invoker)
    : DispatcherCore<Task<T>>(method, interleaving, invoker)
{
    public override object Call(GrainProxy proxy, object?[]? args) => CallRetrying(proxy, args);

    protected Task<T> CallRetrying(GrainProxy proxy, object?[]? args)
    {
        var first = CallCore(proxy, args);
        return MayRetry(proxy, first) ? RetryAsync(first) : first;

        async Task<T> RetryAsync(Task<T> attempt)
        {
            for (var retries = 0; ; retries++)
            {
                try
                {
                    return await attempt;
                }
                catch (Exception e) when (IsStale(e) && retries < proxy.Runtime.Options.StaleRetries)
                {
                    attempt = CallCore(proxy, args);
                }
            }
        }
    }

    protected override async Task<T> StartWhenFresh(Activation activation, object?[]? args)
    {
        await activation.EnsureFreshAsync();
        return await Invoker(activation.Instance, args);
    }

    protected override Task<T> Faulted(Exception exception) => Task.FromException<T>(exception);

    // The span is current while the call starts, so the grain's own work and calls nest under it; the
    // continuation only records, so it need not return to the caller's context.
    protected override async Task<T> Observed(GrainProxy proxy, object?[]? args)
    {
        using var scope = StartScope(proxy);
        try
        {
            var result = await CallUnobserved(proxy, args).ConfigureAwait(false);
            scope.Succeed();
            return result;
        }
        catch (Exception e)
        {
            scope.Fail(e);
            throw;
        }
    }

    protected override Request CreateRequest(object?[]? args, Activation? caller, GrainRuntime runtime) =>
        new MethodRequest<T>(this, args, caller, runtime, hasResult: true);
}

/// <summary>Dispatches a method returning ValueTask&lt;T&gt; through the Task&lt;T&gt; path.</summary>
internal sealed class ValueTaskDispatcher<T>(MethodInfo method, Interleaving interleaving, Func<object, object?[]?, Task<T>> invoker)
    : TaskDispatcher<T>(method, interleaving, invoker)
{
    public override object Call(GrainProxy proxy, object?[]? args) => new ValueTask<T>(CallRetrying(proxy, args));
}

/// <summary>Dispatches a method returning Task.</summary>
internal class VoidTaskDispatcher(MethodInfo method, Interleaving interleaving, Func<object, object?[]?, Task> invoker)
    : DispatcherCore<Task>(method, interleaving, invoker)
{
    public override object Call(GrainProxy proxy, object?[]? args) => CallRetrying(proxy, args);

    protected Task CallRetrying(GrainProxy proxy, object?[]? args)
    {
        var first = CallCore(proxy, args);
        return MayRetry(proxy, first) ? RetryAsync(first) : first;

        async Task RetryAsync(Task attempt)
        {
            for (var retries = 0; ; retries++)
            {
                try
                {
                    await attempt;
                    return;
                }
                catch (Exception e) when (IsStale(e) && retries < proxy.Runtime.Options.StaleRetries)
                {
                    attempt = CallCore(proxy, args);
                }
            }
        }
    }

    protected override async Task StartWhenFresh(Activation activation, object?[]? args)
    {
        await activation.EnsureFreshAsync();
        await Invoker(activation.Instance, args);
    }

    protected override Task Faulted(Exception exception) => Task.FromException(exception);

    protected override async Task Observed(GrainProxy proxy, object?[]? args)
    {
        using var scope = StartScope(proxy);
        try
        {
            await CallUnobserved(proxy, args).ConfigureAwait(false);
            scope.Succeed();
        }
        catch (Exception e)
        {
            scope.Fail(e);
            throw;
        }
    }

    protected override Request CreateRequest(object?[]? args, Activation? caller, GrainRuntime runtime) =>
        new MethodRequest<object?>(this, args, caller, runtime, hasResult: false);
}

/// <summary>Dispatches a method returning ValueTask through the Task path.</summary>
internal sealed class VoidValueTaskDispatcher(MethodInfo method, Interleaving interleaving, Func<object, object?[]?, Task> invoker)
    : VoidTaskDispatcher(method, interleaving, invoker)
{
    public override object Call(GrainProxy proxy, object?[]? args) => new ValueTask(CallRetrying(proxy, args));
}
