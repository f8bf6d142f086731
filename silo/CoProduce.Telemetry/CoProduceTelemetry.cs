using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CoProduce.Telemetry;

/// <summary>
/// Every trace and metric name CoProduce emits, in one place: one <see cref="ActivitySource"/> and one
/// <see cref="System.Diagnostics.Metrics.Meter"/>, both named <see cref="Name"/>. The runtime records grain calls, activations,
/// storage latency and ETag conflicts; hubs, fan-out and background jobs record into the instruments
/// kept here for them. Nothing is exported unless OTLP is configured (see <c>docs/operations.md</c>).
/// Record only after checking <c>Enabled</c> / <see cref="ActivitySource.HasListeners"/> on hot paths.
/// </summary>
public static class CoProduceTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "CoProduce";

    /// <summary>Tag: the grain type as stored (<c>counter</c>, <c>project</c>).</summary>
    public const string GrainTypeTag = "coproduce.grain.type";

    /// <summary>Tag: the grain interface method (<c>IProjectGrain.Describe</c>).</summary>
    public const string GrainMethodTag = "coproduce.grain.method";

    /// <summary>Tag (spans only: too many values for metrics): the grain key.</summary>
    public const string GrainKeyTag = "coproduce.grain.key";

    /// <summary>Tag: <c>ok</c> or <c>error</c>.</summary>
    public const string OutcomeTag = "coproduce.outcome";

    /// <summary>Tag: <c>read</c>, <c>write</c>, <c>journal.append</c>, <c>journal.read</c>, <c>reminders</c>, <c>migrate</c>.</summary>
    public const string StorageOperationTag = "coproduce.storage.operation";

    /// <summary>Tag: <c>Sqlite</c> or <c>PostgreSql</c>.</summary>
    public const string StorageProviderTag = "coproduce.storage.provider";

    /// <summary>Tag: the hub's name, for hub connections and fan-out.</summary>
    public const string HubTag = "coproduce.hub";

    /// <summary>Tag: the background job's name.</summary>
    public const string JobTag = "coproduce.job";

    /// <summary>Spans: grain calls (<c>{type}/{Interface.Method}</c>), activations, storage operations, and whatever hubs and jobs start.</summary>
    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    /// <summary>Histogram, seconds: a grain call from the caller's side, queueing included; tags type, method, outcome.</summary>
    public static Histogram<double> GrainCallDuration { get; } = Meter.CreateHistogram<double>(
        "coproduce.grain.call.duration", "s", "Grain call duration seen by the caller, queueing included.");

    /// <summary>Counter: activations that became ready; tag type.</summary>
    public static Counter<long> Activations { get; } = Meter.CreateCounter<long>(
        "coproduce.grain.activations", "{activation}", "Grain activations started.");

    /// <summary>Up-down counter: activations in memory now; tag type.</summary>
    public static UpDownCounter<long> ActiveActivations { get; } = Meter.CreateUpDownCounter<long>(
        "coproduce.grain.activations.active", "{activation}", "Grain activations in memory.");

    /// <summary>Histogram, seconds: one storage operation; tags operation, provider, outcome.</summary>
    public static Histogram<double> StorageDuration { get; } = Meter.CreateHistogram<double>(
        "coproduce.storage.operation.duration", "s", "Grain storage operation duration.");

    /// <summary>Counter: state writes refused because the stored version moved on; tag type.</summary>
    public static Counter<long> EtagConflicts { get; } = Meter.CreateCounter<long>(
        "coproduce.storage.etag_conflicts", "{conflict}", "State writes refused for a stale ETag.");

    /// <summary>Up-down counter, for the live-session hubs: connections open now; tag hub.</summary>
    public static UpDownCounter<long> HubConnections { get; } = Meter.CreateUpDownCounter<long>(
        "coproduce.hub.connections", "{connection}", "Hub connections open.");

    /// <summary>Histogram, seconds, for the live-session hubs: from an event's commit to its push to clients; tag hub.</summary>
    public static Histogram<double> FanoutDuration { get; } = Meter.CreateHistogram<double>(
        "coproduce.fanout.duration", "s", "Latency from an event's commit to its push to connected clients.");

    /// <summary>Histogram, seconds, for background jobs: one job run; tags job, outcome.</summary>
    public static Histogram<double> JobRunDuration { get; } = Meter.CreateHistogram<double>(
        "coproduce.job.run.duration", "s", "Background job run duration.");

    /// <summary>Seconds elapsed since a <see cref="Stopwatch.GetTimestamp"/> value.</summary>
    public static double SecondsSince(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
}
