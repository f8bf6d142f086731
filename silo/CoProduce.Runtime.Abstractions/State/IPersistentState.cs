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

    /// <summary>Removes the stored record (a versioned tombstone remains) and resets the copy.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
