using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CoProduce.Telemetry;

/// <summary>
/// The OpenTelemetry tracer and meter providers that ship CoProduce's spans and metrics (and ASP.NET
/// Core's, SignalR's, Npgsql's and Orleans') over OTLP, Orleans' spans through <see cref="UnattributedSpans"/>. Exists only when an endpoint is configured; disposing it
/// flushes what is buffered.
/// </summary>
public sealed class TelemetryExport : IDisposable
{
    /// <summary>Activity sources exported besides <see cref="CoProduceTelemetry.Name"/>.</summary>
    public static readonly IReadOnlyList<string> FrameworkSources =
        ["Microsoft.AspNetCore", "Microsoft.AspNetCore.SignalR.Server", "Npgsql", OrleansSources];

    /// <summary>Orleans' activity sources (application calls, runtime, lifecycle, storage); its call spans need the
    /// silo's activity propagation.</summary>
    public const string OrleansSources = "Microsoft.Orleans.*";

    /// <summary>Orleans' meter.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Meters exported besides <see cref="CoProduceTelemetry.Name"/>.</summary>
    public static readonly IReadOnlyList<string> FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.SignalR.Server", "Npgsql", "System.Runtime", OrleansMeter,
    ];

    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metrics;

    public TelemetryExport(TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .AddSource([CoProduceTelemetry.Name, .. FrameworkSources])
            .AddProcessor(new UnattributedSpans())
            .AddOtlpExporter(options.ApplyTraces)
            .Build();
        _metrics = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .AddMeter([CoProduceTelemetry.Name, .. FrameworkMeters])
            .AddOtlpExporter(options.ApplyMetrics)
            .Build();
    }

    public void Dispose()
    {
        _tracing.Dispose();
        _metrics.Dispose();
    }
}
