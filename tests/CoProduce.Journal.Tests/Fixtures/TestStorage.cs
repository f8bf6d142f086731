using CoProduce.Journal.Storage;

namespace CoProduce.Journal.Tests.Fixtures;

/// <summary>The real storage of one silo, counting state writes and able to hold or fail the next one.</summary>
public sealed class TestStorage(IGrainStorage inner) : DelegatingGrainStorage(inner), IAsyncDisposable
{
    // The container disposes what it created: this storage, which owns the real one.
    private readonly IAsyncDisposable? _owned = inner as IAsyncDisposable;
    private int _writes;
    private Exception? _failNext;
    private Exception? _failNextRead;

    public int StateWrites => Volatile.Read(ref _writes);

    /// <summary>While set and not completed, state writes wait for it (after <see cref="WriteHeld"/> is signalled).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public TaskCompletionSource WriteHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The next state write throws <paramref name="failure"/> without reaching the database; null cancels.</summary>
    public void FailNextWrite(Exception? failure) => Volatile.Write(ref _failNext, failure);

    /// <summary>The next state read (an activation's) throws <paramref name="failure"/> without reaching the database.</summary>
    public void FailNextRead(Exception? failure) => Volatile.Write(ref _failNextRead, failure);

    public override Task<StoredState?> ReadStateAsync(StateKey key, CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _failNextRead, null) is { } failure ? Task.FromException<StoredState?>(failure) : base.ReadStateAsync(key, cancellationToken);

    public override async Task<string> WriteStateAsync(
        StateKey key, string? json, string? expectedEtag, IReadOnlyList<JournalAppend> events, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _failNext, null) is { } failure)
        {
            throw failure;
        }

        if (Gate is { } gate)
        {
            WriteHeld.TrySetResult();
            await gate.Task;
        }

        Interlocked.Increment(ref _writes);
        return await base.WriteStateAsync(key, json, expectedEtag, events, cancellationToken);
    }

    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
