using System.Diagnostics;
using CoProduce.Journal.Storage;
using CoProduce.Runtime.Events;
using CoProduce.Runtime.State;
using CoProduce.Telemetry;

namespace CoProduce.Runtime.Telemetry;

/// <summary>
/// Measures the storage operations on the grain path (state reads and writes, journal appends and reads):
/// a span and a <see cref="CoProduceTelemetry.StorageDuration"/> measurement each, and an
/// <see cref="CoProduceTelemetry.EtagConflicts"/> count for every write refused for a stale ETag.
/// </summary>
internal sealed class MeasuredGrainStorage(IGrainStorage inner) : DelegatingGrainStorage(inner), IAsyncDisposable
{
    // The container disposes what it created: the measured storage, which owns the real one.
    private readonly IAsyncDisposable? _owned = inner as IAsyncDisposable;

    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;

    public override async Task<StoredState?> ReadStateAsync(StateKey key, CancellationToken cancellationToken)
    {
        using var measure = Measure("read", key.GrainType);
        var stored = await base.ReadStateAsync(key, cancellationToken);
        measure.Succeed();
        return stored;
    }

    public override async Task<string> WriteStateAsync(
        StateKey key, string? json, string? expectedEtag, IReadOnlyList<JournalAppend> events, CancellationToken cancellationToken)
    {
        using var measure = Measure("write", key.GrainType);
        try
        {
            var etag = await base.WriteStateAsync(key, json, expectedEtag, events, cancellationToken);
            measure.Succeed();
            return etag;
        }
        catch (InconsistentStateException)
        {
            CountConflict(key.GrainType);
            throw;
        }
    }

    public override async Task AppendJournalAsync(IReadOnlyList<JournalAppend> events, CancellationToken cancellationToken)
    {
        using var measure = Measure("journal.append", events.Count > 0 ? events[0].GrainType : null);
        try
        {
            await base.AppendJournalAsync(events, cancellationToken);
            measure.Succeed();
        }
        catch (InconsistentStateException)
        {
            CountConflict(events.Count > 0 ? events[0].GrainType : "");
            throw;
        }
    }

    public override async Task<IReadOnlyList<GrainEvent>> ReadJournalAsync(
        string grainType, string grainKey, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        using var measure = Measure("journal.read", grainType);
        var read = await base.ReadJournalAsync(grainType, grainKey, afterSequence, limit, cancellationToken);
        measure.Succeed();
        return read;
    }

    private StorageMeasurement Measure(string operation, string? grainType) => new(operation, ProviderName, grainType);

    private static void CountConflict(string grainType) =>
        CoProduceTelemetry.EtagConflicts.Add(1, new KeyValuePair<string, object?>(CoProduceTelemetry.GrainTypeTag, grainType));

    /// <summary>One storage operation: recorded as an error unless <see cref="Succeed"/> was called before disposal.</summary>
    private sealed class StorageMeasurement(string operation, string provider, string? grainType) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();
        private readonly Activity? _span = StartSpan(operation, provider, grainType);
        private bool _succeeded;

        public void Succeed() => _succeeded = true;

        public void Dispose()
        {
            var outcome = _succeeded ? "ok" : "error";
            if (!_succeeded)
            {
                _span?.SetStatus(ActivityStatusCode.Error);
            }

            _span?.Dispose();
            if (CoProduceTelemetry.StorageDuration.Enabled)
            {
                CoProduceTelemetry.StorageDuration.Record(
                    CoProduceTelemetry.SecondsSince(_started),
                    new KeyValuePair<string, object?>(CoProduceTelemetry.StorageOperationTag, operation),
                    new KeyValuePair<string, object?>(CoProduceTelemetry.StorageProviderTag, provider),
                    new KeyValuePair<string, object?>(CoProduceTelemetry.OutcomeTag, outcome));
            }
        }

        private static Activity? StartSpan(string operation, string provider, string? grainType)
        {
            var span = CoProduceTelemetry.Source.HasListeners()
                ? CoProduceTelemetry.Source.StartActivity($"storage {operation}", ActivityKind.Client)
                : null;
            if (span is { IsAllDataRequested: true })
            {
                span.SetTag("db.system.name", provider == "PostgreSql" ? "postgresql" : "sqlite");
                span.SetTag(CoProduceTelemetry.StorageOperationTag, operation);
                span.SetTag(CoProduceTelemetry.GrainTypeTag, grainType);
            }

            return span;
        }
    }
}
