using System.Collections.Concurrent;
using CoProduce.Journal.Storage;

namespace CoProduce.Grains.Tests.Cluster;

/// <summary>State writes a test has told to fail, one per grain key, whichever silo makes them.</summary>
public sealed class StorageFaults
{
    private readonly ConcurrentDictionary<Guid, Exception> _next = new();

    /// <summary>The next state write of the grain keyed <paramref name="key"/> throws <paramref name="failure"/> without reaching the database.</summary>
    public void FailNextWriteOf(Guid key, Exception failure) => _next[key] = failure;

    internal Exception? Take(StateKey state) =>
        Guid.TryParse(state.GrainKey, out var key) && _next.TryRemove(key, out var failure) ? failure : null;
}

/// <summary>One silo's real storage, failing the writes <see cref="StorageFaults"/> names.</summary>
internal sealed class FaultyStorage(IGrainStorage inner, StorageFaults faults) : DelegatingGrainStorage(inner), IAsyncDisposable
{
    // The container disposes what it created: this storage, which owns the real one.
    private readonly IAsyncDisposable? _owned = inner as IAsyncDisposable;

    public override Task<string> WriteStateAsync(
        StateKey key, string? json, string? expectedEtag, IReadOnlyList<JournalAppend> events, CancellationToken cancellationToken) =>
        faults.Take(key) is { } failure
            ? Task.FromException<string>(failure)
            : base.WriteStateAsync(key, json, expectedEtag, events, cancellationToken);

    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
