using System.Text.Json;
using CoProduce.Journal.Storage;
using CoProduce.Runtime.Activations;

namespace CoProduce.Runtime.Events;

/// <summary>
/// Events a grain raised and not yet committed, and its journal position. Sequence numbers are given at
/// commit; a clash (another activation of the same grain appended first) fails the write.
/// </summary>
internal sealed class ActivationEvents(Activation activation)
{
    private readonly Lock _gate = new();
    private readonly List<(object? Owner, object Event)> _staged = [];
    private int _inFlight;
    private long? _lastSequence;

    public void Stage(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        lock (_gate)
        {
            _staged.Add((EventOwner.Current, @event));
        }
    }

    /// <summary>Drops every uncommitted event: the only request that could have raised them failed.</summary>
    public void DiscardStaged()
    {
        lock (_gate)
        {
            _staged.Clear();
            _inFlight = 0;
        }
    }

    /// <summary>Drops the events <paramref name="owner"/> raised that no write has taken yet.</summary>
    public void DiscardStagedBy(object owner)
    {
        lock (_gate)
        {
            for (var i = _staged.Count - 1; i >= _inFlight; i--)
            {
                if (ReferenceEquals(_staged[i].Owner, owner))
                {
                    _staged.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>A write failed: its events stay uncommitted and the journal position must be read again.</summary>
    public void WriteFailed()
    {
        lock (_gate)
        {
            _inFlight = 0;
        }

        ForgetSequence();
    }

    public void ForgetSequence() => _lastSequence = null;

    public async ValueTask<long> GetLastSequenceAsync(CancellationToken cancellationToken)
    {
        _lastSequence ??= await activation.Runtime.Storage.ReadLastSequenceAsync(activation.Id.Type, activation.Id.Key, cancellationToken);
        return _lastSequence.Value;
    }

    /// <summary>Loads the journal position if events are staged and it is not known yet.</summary>
    public async ValueTask EnsureSequenceAsync(CancellationToken cancellationToken)
    {
        bool any;
        lock (_gate)
        {
            any = _staged.Count > 0;
        }

        if (any && _lastSequence is null)
        {
            await GetLastSequenceAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The staged events as journal rows, numbered after the last committed one. Synchronous, so that a
    /// caller can take the events and the state it writes with them at the same instant.
    /// </summary>
    public IReadOnlyList<JournalAppend> Prepare()
    {
        (object? Owner, object Event)[] taken;
        lock (_gate)
        {
            taken = [.. _staged];
            _inFlight = taken.Length;
        }

        if (taken.Length == 0)
        {
            return [];
        }

        var sequence = _lastSequence ?? throw new InvalidOperationException("EnsureSequenceAsync must run before Prepare.");
        var now = DateTimeOffset.UtcNow;
        var json = activation.Runtime.Json;
        return [.. taken.Select(s => new JournalAppend(
            activation.Id.Type, activation.Id.Key, ++sequence, s.Event.GetType().Name, JsonSerializer.Serialize(s.Event, s.Event.GetType(), json), now))];
    }

    /// <summary>Marks a prepared batch as stored and publishes it, in order.</summary>
    public void Committed(IReadOnlyList<JournalAppend> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            _staged.RemoveRange(0, Math.Min(batch.Count, _staged.Count));
            _inFlight = Math.Max(0, _inFlight - batch.Count);
        }

        _lastSequence = batch[^1].Sequence;
        activation.Runtime.EventStream.Publish(activation.Id, batch);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await EnsureSequenceAsync(cancellationToken);
        var batch = Prepare();
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await activation.Runtime.Storage.AppendJournalAsync(batch, cancellationToken);
        }
        catch (Exception)
        {
            WriteFailed();
            throw;
        }

        Committed(batch);
    }
}
