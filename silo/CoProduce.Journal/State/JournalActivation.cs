using System.Text.Json;
using CoProduce.Journal.Events;
using CoProduce.Journal.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;

namespace CoProduce.Journal.State;

/// <summary>
/// What the journaled states of one activation share: the events its grain raised and not yet committed,
/// its journal position, and whether a write failed. Sequence numbers are given at commit; a clash
/// (another activation of the same grain appended first) fails the write. Kept as a component of the
/// grain context, where <see cref="JournalCallFilter"/> finds it.
/// </summary>
internal sealed class JournalActivation
{
    private readonly Lock _gate = new();
    private readonly List<(object? Owner, object Event)> _staged = [];
    private readonly IGrainContext _context;
    private int _inFlight;
    private long? _lastSequence;

    private JournalActivation(IGrainContext context, JournalId source)
    {
        _context = context;
        Source = source;
        Storage = context.ActivationServices.GetRequiredService<IGrainStorage>();
        Stream = context.ActivationServices.GetRequiredService<GrainEventStream>();
        Json = context.ActivationServices.GetRequiredService<JsonStateSerializer>().Options;
        Time = context.ActivationServices.GetService<TimeProvider>() ?? TimeProvider.System;
    }

    public JournalId Source { get; }

    public IGrainStorage Storage { get; }

    public JsonSerializerOptions Json { get; }

    private GrainEventStream Stream { get; }

    /// <summary>The host's clock (the one the grains stamp their records with), so events and records agree.</summary>
    private TimeProvider Time { get; }

    /// <summary>Set when a state write or event flush failed; cleared when the state is read again.</summary>
    public Exception? FailedWrite { get; set; }

    /// <summary>The activation's shared part, created by its first journaled state.</summary>
    public static JournalActivation For(IGrainContext context, Type grainClass)
    {
        if (context.GetComponent<JournalActivation>() is { } existing)
        {
            return existing;
        }

        var created = new JournalActivation(context, JournalGrainKey.For(context.GrainId, grainClass));
        context.SetComponent(created);
        return created;
    }

    /// <summary>Deactivates the activation once its current calls are done, so the next call reads afresh.</summary>
    public void DeactivateOnIdle(string why) =>
        _context.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, why), CancellationToken.None);

    public void Stage(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        lock (_gate)
        {
            _staged.Add((EventOwner.Current, @event));
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
    public void WriteFailed(Exception failure)
    {
        lock (_gate)
        {
            _inFlight = 0;
        }

        _lastSequence = null;
        FailedWrite = failure;
    }

    public async ValueTask<long> GetLastSequenceAsync(CancellationToken cancellationToken)
    {
        _lastSequence ??= await Storage.ReadLastSequenceAsync(Source.Type, Source.Key, cancellationToken);
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
    /// The staged events as journal rows, numbered after the last committed one. Synchronous, so a caller
    /// takes the events and the state it writes with them at the same instant.
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
        // Whole microseconds, as both databases keep them: an event pushed as committed and the same event read
        // back from the journal carry the same instant.
        var now = Time.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
        return [.. taken.Select(s => new JournalAppend(
            Source.Type, Source.Key, ++sequence, s.Event.GetType().Name, JsonSerializer.Serialize(s.Event, s.Event.GetType(), Json), now))];
    }

    /// <summary>Marks a prepared batch as stored and publishes it, in order: only committed events are ever seen.</summary>
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
        Stream.Publish(Source, batch);
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
            await Storage.AppendJournalAsync(batch, cancellationToken);
        }
        catch (Exception e)
        {
            WriteFailed(e);
            throw;
        }

        Committed(batch);
    }
}
