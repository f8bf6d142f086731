using System.Text.Json;
using CoProduce.Runtime.Activations;
using CoProduce.Runtime.Storage;

namespace CoProduce.Runtime.State;

/// <summary>The persistent state facet: a JSON copy in storage guarded by its version.</summary>
internal sealed class PersistentState<TState>(Activation activation, StateKey key) : IPersistentState<TState>, IStateFacet
{
    private readonly IGrainStorage _storage = activation.Runtime.Storage;
    private readonly JsonSerializerOptions _json = activation.Runtime.Json;

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

    public Task WriteStateAsync(CancellationToken cancellationToken = default) =>
        StoreAsync(JsonSerializer.Serialize(State, _json), cancellationToken);

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await StoreAsync(null, cancellationToken);
        State = Fresh();
    }

    private async Task StoreAsync(string? json, CancellationToken cancellationToken)
    {
        var events = activation.Events;
        var batch = await events.PrepareAsync(cancellationToken);
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

    private static TState Fresh() => Activator.CreateInstance<TState>();
}
