using System.Text.Json;
using CoProduce.Runtime.Activations;
using CoProduce.Runtime.State;
using CoProduce.Runtime.Storage;

namespace CoProduce.Runtime.Events;

/// <summary>
/// Events a grain raised and not yet committed, and its journal position. Sequence numbers are given at
/// commit; a clash (another activation of the same grain appended first) fails the write.
/// </summary>
internal sealed class ActivationEvents(Activation activation)
{
    private readonly List<object> _staged = [];
    private long? _lastSequence;

    public void Stage(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        _staged.Add(@event);
    }

    public void DiscardStaged() => _staged.Clear();

    public void ForgetSequence() => _lastSequence = null;

    public async ValueTask<long> GetLastSequenceAsync(CancellationToken cancellationToken)
    {
        _lastSequence ??= await activation.Runtime.Storage.ReadLastSequenceAsync(activation.Id.Type, activation.Id.Key, cancellationToken);
        return _lastSequence.Value;
    }

    /// <summary>Loads the journal position if events are staged and it is not known yet.</summary>
    public async ValueTask EnsureSequenceAsync(CancellationToken cancellationToken)
    {
        if (_staged.Count > 0 && _lastSequence is null)
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
        if (_staged.Count == 0)
        {
            return [];
        }

        var sequence = _lastSequence ?? throw new InvalidOperationException("EnsureSequenceAsync must run before Prepare.");
        var now = DateTimeOffset.UtcNow;
        var json = activation.Runtime.Json;
        return [.. _staged.Select(e => new JournalAppend(
            activation.Id.Type, activation.Id.Key, ++sequence, e.GetType().Name, JsonSerializer.Serialize(e, e.GetType(), json), now))];
    }

    /// <summary>Marks a prepared batch as stored and publishes it, in order.</summary>
    public void Committed(IReadOnlyList<JournalAppend> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        _staged.RemoveRange(0, Math.Min(batch.Count, _staged.Count));
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
        catch (InconsistentStateException)
        {
            ForgetSequence();
            throw;
        }

        Committed(batch);
    }
}
