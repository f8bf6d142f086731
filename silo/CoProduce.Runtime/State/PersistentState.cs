using System.Text.Json;
using CoProduce.Runtime.Activations;
using CoProduce.Runtime.Grains;
using CoProduce.Runtime.Storage;

namespace CoProduce.Runtime.State;

/// <summary>The persistent state facet: a JSON copy in storage guarded by its version.</summary>
internal sealed class PersistentState<TState>(Activation activation, StateKey key) : IPersistentState<TState>, IStateFacet
{
    private readonly IGrainStorage _storage = activation.Runtime.Storage;
    private readonly JsonSerializerOptions _json = activation.Runtime.Json;
    private readonly WriteCoalescer _coalescer = new();
    private Exception? _failedWrite;

    public TState State { get; set; } = Fresh();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await _storage.ReadStateAsync(key, cancellationToken);
        _failedWrite = null;
        Etag = stored?.Etag;
        RecordExists = stored?.Json is not null;
        State = stored?.Json is { } json
            ? JsonSerializer.Deserialize<TState>(json, _json) ?? Fresh()
            : Fresh();
    }

    public Task WriteStateAsync(CancellationToken cancellationToken = default) => StoreAsync(clear: false, cancellationToken);

    public Task WriteStateCoalescedAsync() => _coalescer.Join(OnCoalescedWrite, Poisoned);

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await StoreAsync(clear: true, cancellationToken);
        State = Fresh();
    }

    private async Task StoreAsync(bool clear, CancellationToken cancellationToken)
    {
        if ((_coalescer.Poison ?? _failedWrite) is { } poison)
        {
            // Retryable like a stale ETag: the caller tries again and meets a fresh activation.
            throw new InconsistentStateException($"An earlier write of state '{key.StateName}' failed ({poison.GetType().Name}); the grain reloads on its next call.");
        }

        var events = activation.Events;
        await events.EnsureSequenceAsync(cancellationToken);

        // Events and state are taken at the same instant, so an interleaved request's change and its
        // events always travel in the same write.
        var batch = events.Prepare();
        var json = clear ? null : JsonSerializer.Serialize(State, _json);
        try
        {
            Etag = await _storage.WriteStateAsync(key, json, Etag, batch, cancellationToken);
        }
        catch (Exception e)
        {
            // Whatever the reason (a stale ETag, the database gone), memory now holds a change its caller
            // is told failed: nothing more is written from it until the state is read again, and the
            // activation goes when idle so the next call starts from what is stored.
            events.WriteFailed();
            _failedWrite = e;
            activation.RequestDeactivationOnIdle(DeactivationReason.InconsistentState);
            throw;
        }

        RecordExists = json is not null;
        events.Committed(batch);
    }

    private Task OnCoalescedWrite() => StoreAsync(clear: false, CancellationToken.None);

    /// <summary>
    /// A coalesced write failed: the in-memory state holds changes whose callers were told they failed,
    /// so nothing more may be written from it; the activation goes and the next call reads afresh.
    /// </summary>
    private void Poisoned() => activation.RequestDeactivationOnIdle(DeactivationReason.InconsistentState);

    private static TState Fresh() => Activator.CreateInstance<TState>();
}
