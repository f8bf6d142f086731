namespace CoProduce.Journal.State;

/// <summary>
/// A grain's persistent state written together with the events the grain raised, in one transaction, and
/// read before the grain activates. Writes are guarded by <see cref="Etag"/>: a write from a stale copy
/// throws Orleans.Storage.InconsistentStateException and writes nothing, neither state nor events.
/// Committed events are then published, in sequence order, to <see cref="Events.IGrainEventStream"/>.
/// </summary>
public interface IJournaledState<TState>
{
    /// <summary>The current in-memory copy of the state.</summary>
    TState State { get; set; }

    /// <summary>The version this copy was read or written at; null when nothing was ever stored.</summary>
    string? Etag { get; }

    /// <summary>Whether a record is stored (false before the first write and after a clear).</summary>
    bool RecordExists { get; }

    /// <summary>Replaces the in-memory copy with the stored one.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores the in-memory copy, with every event raised since the last write, atomically.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the in-memory copy like <see cref="WriteStateAsync"/>, but shares the write with every change
    /// made while an earlier write is in flight (group commit). The task completes when a write holding the
    /// caller's change is durable. Useful in [Reentrant] grains under load; if a shared write fails, every
    /// caller in it fails, nothing more is written from this copy, and the grain reloads on its next call.
    /// </summary>
    Task WriteStateCoalescedAsync();

    /// <summary>Removes the stored record (a versioned tombstone remains) and resets the copy.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stages an event for the grain's journal and event stream. It is committed with the next state write
    /// (atomically) or by <see cref="FlushEventsAsync"/>, and only then published. An event staged by a call
    /// that fails before it is written is dropped.
    /// </summary>
    void RaiseEvent(object @event);

    /// <summary>Commits staged events without a state write.</summary>
    Task FlushEventsAsync(CancellationToken cancellationToken = default);

    /// <summary>The sequence number of the grain's last committed event (0 when none).</summary>
    ValueTask<long> GetLastEventSequenceAsync(CancellationToken cancellationToken = default);
}
