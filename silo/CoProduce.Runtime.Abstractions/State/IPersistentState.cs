namespace CoProduce.Runtime.State;

/// <summary>
/// A grain's persistent state facet, read before the grain activates. Writes are guarded by
/// <see cref="Etag"/>: a write from a stale copy throws <see cref="InconsistentStateException"/>
/// and overwrites nothing.
/// </summary>
public interface IPersistentState<TState>
{
    /// <summary>The current in-memory copy of the state.</summary>
    TState State { get; set; }

    /// <summary>The version this copy was read or written at; null when nothing was ever stored.</summary>
    string? Etag { get; }

    /// <summary>Whether a record is stored (false before the first write and after a clear).</summary>
    bool RecordExists { get; }

    /// <summary>Replaces the in-memory copy with the stored one.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores the in-memory copy, with any events the grain raised since its last write, atomically.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the in-memory copy like <see cref="WriteStateAsync"/>, but shares the write with every
    /// change made while an earlier write is in flight (group commit). The task completes when a write
    /// that holds the caller's change is durable. Useful in [Reentrant] grains under load; if a shared
    /// write fails, every caller in it fails, nothing more is written from this copy, and the grain
    /// reloads on its next call.
    /// </summary>
    Task WriteStateCoalescedAsync();

    /// <summary>Removes the stored record (a versioned tombstone remains) and resets the copy.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
