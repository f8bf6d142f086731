using CoProduce.Runtime.Activations;

namespace CoProduce.Runtime.Grains;

/// <summary>
/// Base class of every grain implementation. The runtime creates instances; the activation's services
/// (identity, timers, reminders, events) are reachable from activation onwards, not in the constructor.
/// </summary>
public abstract class Grain
{
    private Activation? _activation;

    internal Activation Activation =>
        _activation ?? throw new InvalidOperationException("Grain services are available from OnActivateAsync on, not in the constructor.");

    internal void Attach(Activation activation) => _activation = activation;

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => Activation.Id;

    /// <summary>For calls to other grains.</summary>
    protected IGrainFactory GrainFactory => Activation.Runtime;

    /// <summary>The key of a grain addressed by a string.</summary>
    protected string GetPrimaryKeyString() => GrainId.Key;

    /// <summary>The key of a grain addressed by a Guid.</summary>
    protected Guid GetPrimaryKey() => Guid.Parse(GrainId.Key);

    /// <summary>The key of a grain addressed by an integer.</summary>
    protected long GetPrimaryKeyLong() => long.Parse(GrainId.Key, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Called once per activation, after persistent state is read and before any request.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called when the activation is collected, asked to deactivate, or the host shuts down.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current request is done; the next call activates afresh.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivationOnIdle(DeactivationReason.ApplicationRequested);

    /// <summary>
    /// A timer bound to this activation. Ticks take turns with requests, never overlap each other, and
    /// stop when the activation is deactivated. A timer does not keep the activation alive.
    /// </summary>
    protected IDisposable RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Activation.RegisterTimer(callback, dueTime, period);

    /// <summary>Registers or updates a durable reminder; this grain must implement IRemindable.</summary>
    protected Task RegisterOrUpdateReminder(string name, TimeSpan dueTime, TimeSpan period) =>
        Activation.Runtime.Reminders.RegisterAsync(this, name, dueTime, period);

    /// <summary>Removes a durable reminder of this grain.</summary>
    protected Task<bool> UnregisterReminder(string name) =>
        Activation.Runtime.Reminders.UnregisterAsync(GrainId, name);

    /// <summary>
    /// Stages an event for this grain's journal and event stream. It is committed with the next state
    /// write (atomically) or by <see cref="FlushEventsAsync"/>, and only then published.
    /// </summary>
    protected void RaiseEvent(object @event) => Activation.Events.Stage(@event);

    /// <summary>Commits staged events without a state write.</summary>
    protected Task FlushEventsAsync(CancellationToken cancellationToken = default) => Activation.Events.FlushAsync(cancellationToken);

    /// <summary>The sequence number of this grain's last committed event (0 when none).</summary>
    protected ValueTask<long> GetLastEventSequenceAsync(CancellationToken cancellationToken = default) =>
        Activation.Events.GetLastSequenceAsync(cancellationToken);
}
