using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CoProduce.Runtime.Telemetry;

/// <summary>
/// The OpenTelemetry tracer and meter providers that ship CoProduce's spans and metrics (and ASP.NET
/// Core's, SignalR's and Npgsql's) over OTLP. Exists only when an endpoint is configured; disposing it
/// flushes what is buffered.
/// </summary>
public sealed class TelemetryExport : IDisposable
{
    /// <summary>Activity sources exported besides <see cref="CoProduceTelemetry.Name"/>.</summary>
    public static readonly IReadOnlyList<string> FrameworkSources = ["Microsoft.AspNetCore", "Microsoft.AspNetCore.SignalR.Server", "Npgsql"];

    /// <summary>Meters exported besides <see cref="CoProduceTelemetry.Name"/>.</summary>
    public static readonly IReadOnlyList<string> FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.SignalR.Server", "Npgsql", "System.Runtime",
    ];

    private readonly TracerProvider _tracing;
    private readonly MeterProvider _metrics;

    public TelemetryExport(TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .AddSource([CoProduceTelemetry.Name, .. FrameworkSources])
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
