using System.Buffers;
using System.Text.Json;
using System.Text;
using CoProduce.Journal.Storage;
using CoProduce.Runtime.Activations;
using CoProduce.Runtime.Grains;

namespace CoProduce.Runtime.State;

/// <summary>The persistent state facet: a JSON copy in storage guarded by its version.</summary>
internal sealed class PersistentState<TState>(Activation activation, StateKey key) : IPersistentState<TState>, IStateFacet
{
    private readonly IGrainStorage _storage = activation.Runtime.Storage;
    private readonly JsonSerializerOptions _json = activation.Runtime.Json;
    private const int LargeJson = 16 * 1024;

    private readonly WriteCoalescer _coalescer = new();
    private Exception? _failedWrite;
    private long _writesStarted;
    private int _lastJsonLength;

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

    public async Task<bool> IsCurrentAsync(CancellationToken cancellationToken)
    {
        if (_coalescer.InFlight is { } inFlight)
        {
            // Our own write in flight would move the stored version ahead of Etag; let it land first.
            await inFlight;
        }

        if (_coalescer.Poison is not null)
        {
            return false;
        }

        var known = Version(Etag);
        var started = Volatile.Read(ref _writesStarted);
        var stored = Version(await _storage.ReadEtagAsync(key, cancellationToken));

        // A write of ours that started while we read may already be counted in storage.
        return stored >= known && stored <= known + (Volatile.Read(ref _writesStarted) - started);
    }

    private static long Version(string? etag) =>
        etag is null ? 0 : long.Parse(etag, System.Globalization.CultureInfo.InvariantCulture);

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
        var json = clear ? null : Serialize(State);
        Interlocked.Increment(ref _writesStarted);
        try
        {
            Etag = await _storage.WriteStateAsync(key, json, Etag, batch, cancellationToken);
        }
        catch (Exception e)
        {
            // Whatever the reason (a stale ETag, the database gone, or a commit whose answer was lost),
            // memory now holds a change its caller is told failed: nothing more is written from it until
            // the state is read again, and the activation goes when idle so the next call reads afresh.
            events.WriteFailed();
            _failedWrite = e;
            activation.RequestDeactivationOnIdle(DeactivationReason.InconsistentState);
            throw;
        }

        RecordExists = json is not null;
        events.Committed(batch);
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
            var json = JsonSerializer.Serialize(value, _json);
            _lastJsonLength = json.Length;
            return json;
        }

        var buffer = new ArrayBufferWriter<byte>(_lastJsonLength + 1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = _json.Encoder, Indented = _json.WriteIndented }))
        {
            JsonSerializer.Serialize(writer, value, _json);
        }

        var written = Encoding.UTF8.GetString(buffer.WrittenSpan);
        _lastJsonLength = written.Length;
        return written;
    }

    private Task OnCoalescedWrite() => StoreAsync(clear: false, CancellationToken.None);

    /// <summary>
    /// A coalesced write failed: the in-memory state holds changes whose callers were told they failed,
    /// so nothing more may be written from it; the activation goes and the next call reads afresh.
    /// </summary>
    private void Poisoned() => activation.RequestDeactivationOnIdle(DeactivationReason.InconsistentState);

    private static TState Fresh() => Activator.CreateInstance<TState>();
}
