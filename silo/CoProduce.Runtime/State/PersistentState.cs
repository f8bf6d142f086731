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

    public TState State { get; set; } = Fresh();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await _storage.ReadStateAsync(key, cancellationToken);
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
        if (_coalescer.Poison is { } poison)
        {
            throw new InvalidOperationException("An earlier write of this state failed; the grain reloads on its next call.", poison);
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
        catch (InconsistentStateException)
        {
            events.ForgetSequence();
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
