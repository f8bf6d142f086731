using System.Buffers;
using System.Text;
using System.Text.Json;
using CoProduce.Journal.Storage;
using Orleans;
using Orleans.Runtime;

namespace CoProduce.Journal.State;

/// <summary>
/// The journaled state facet: a JSON copy in storage guarded by its version, written in one transaction
/// with the events the grain raised. Read at the SetupState stage, before OnActivateAsync.
/// </summary>
internal sealed class JournaledState<TState>(JournalActivation activation, string stateName) : IJournaledState<TState>, ILifecycleParticipant<IGrainLifecycle>
{
    private const int LargeJson = 16 * 1024;

    private readonly StateKey _key = new(activation.Source.Type, activation.Source.Key, stateName);
    private readonly WriteCoalescer _coalescer = new();
    private Exception? _failedWrite;
    private int _lastJsonLength;

    public TState State { get; set; } = Fresh();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public void Participate(IGrainLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(JournaledState<TState>)}:{stateName}", GrainLifecycleStage.SetupState, ReadStateAsync);

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        StoredState? stored;
        try
        {
            stored = await activation.Storage.ReadStateAsync(_key, cancellationToken);
        }
        catch (Exception e) when (StorageFailures.AsUnavailable(e) is { } unavailable)
        {
            // Read while activating, outside any call (so outside JournalCallFilter): the failed activation's answer
            // crosses to the caller's silo, which must still tell a restarting database from a bug.
            throw unavailable;
        }

        if (ReferenceEquals(activation.FailedWrite, _failedWrite))
        {
            activation.FailedWrite = null;
        }

        _failedWrite = null;
        Etag = stored?.Etag;
        RecordExists = stored?.Json is not null;
        State = stored?.Json is { } json
            ? JsonSerializer.Deserialize<TState>(json, activation.Json) ?? Fresh()
            : Fresh();
    }

    public Task WriteStateAsync(CancellationToken cancellationToken = default) => StoreAsync(clear: false, cancellationToken);

    public Task WriteStateCoalescedAsync() => _coalescer.Join(() => StoreAsync(clear: false, CancellationToken.None), Poisoned);

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await StoreAsync(clear: true, cancellationToken);
        State = Fresh();
    }

    public void RaiseEvent(object @event) => activation.Stage(@event);

    public Task FlushEventsAsync(CancellationToken cancellationToken = default) => activation.FlushAsync(cancellationToken);

    public ValueTask<long> GetLastEventSequenceAsync(CancellationToken cancellationToken = default) =>
        activation.GetLastSequenceAsync(cancellationToken);

    private async Task StoreAsync(bool clear, CancellationToken cancellationToken)
    {
        if ((_coalescer.Poison ?? _failedWrite) is { } poison)
        {
            // Retryable like a stale ETag: the caller tries again and meets a fresh activation.
            throw JournalConflict.AfterFailedWrite(stateName, poison);
        }

        await activation.EnsureSequenceAsync(cancellationToken);

        // Events and state are taken at the same instant, so an interleaved call's change and its events
        // always travel in the same write.
        var batch = activation.Prepare();
        var json = clear ? null : Serialize(State);
        try
        {
            Etag = await activation.Storage.WriteStateAsync(_key, json, Etag, batch, cancellationToken);
        }
        catch (Exception e)
        {
            // Whatever the reason (a stale ETag, the database gone, or a commit whose answer was lost),
            // memory now holds a change its caller is told failed: nothing more is written from it until
            // the state is read again, and the call filter deactivates the activation when the call ends.
            _failedWrite = e;
            activation.WriteFailed(e);
            throw;
        }

        RecordExists = json is not null;
        activation.Committed(batch);
    }

    /// <summary>
    /// The state as JSON. A large state (a live session's presence, say) is written into a buffer of its
    /// own rather than through the shared array pool, which would otherwise keep large arrays for the life
    /// of the process; small ones, most states, go the usual way.
    /// </summary>
    private string Serialize(TState value)
    {
        if (_lastJsonLength < LargeJson)
        {
            var json = JsonSerializer.Serialize(value, activation.Json);
            _lastJsonLength = json.Length;
            return json;
        }

        var buffer = new ArrayBufferWriter<byte>(_lastJsonLength + 1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = activation.Json.Encoder, Indented = activation.Json.WriteIndented }))
        {
            JsonSerializer.Serialize(writer, value, activation.Json);
        }

        var written = Encoding.UTF8.GetString(buffer.WrittenSpan);
        _lastJsonLength = written.Length;
        return written;
    }

    /// <summary>A coalesced write failed: nothing more is written from this copy; the activation goes when idle.</summary>
    private void Poisoned() => activation.DeactivateOnIdle("A shared (coalesced) state write failed.");

    private static TState Fresh() => Activator.CreateInstance<TState>();
}
