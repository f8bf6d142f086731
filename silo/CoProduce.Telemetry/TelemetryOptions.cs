using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace CoProduce.Telemetry;

/// <summary>
/// Settings of section <c>CoProduce:Telemetry</c>. Traces, metrics and logs go over OTLP only when an
/// endpoint is given: <c>CoProduce:Telemetry:OtlpEndpoint</c>, or the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> environment variable (with the other <c>OTEL_EXPORTER_OTLP_*</c>).
/// </summary>
public sealed record TelemetryOptions
{
    public const string SectionName = "CoProduce:Telemetry";

    /// <summary>The standard OpenTelemetry variable; when set, the exporter reads it and its siblings itself.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>An OTLP/gRPC collector, e.g. <c>http://otel-collector:4317</c>; overrides the standard variable.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>
    /// How <see cref="OtlpEndpoint"/> is spoken to: <c>grpc</c> (the default) or <c>http/protobuf</c>, in which case
    /// traces, metrics and logs go to <c>v1/traces</c>, <c>v1/metrics</c> and <c>v1/logs</c> under the endpoint.
    /// </summary>
    public OtlpExportProtocol OtlpProtocol { get; init; } = OtlpExportProtocol.Grpc;

    /// <summary>Whether the standard variable is set (read, not a setting of this section).</summary>
    public bool StandardEndpointSet { get; private init; }

    /// <summary>The <c>service.name</c> resource attribute; the application's name unless set.</summary>
    public required string ServiceName { get; init; }

    public bool Exports => OtlpEndpoint is not null || StandardEndpointSet;

    public static TelemetryOptions From(IConfiguration configuration, string applicationName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var endpoint = section[nameof(OtlpEndpoint)];
        Uri? uri = null;
        if (!string.IsNullOrWhiteSpace(endpoint)
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            throw new InvalidOperationException(
                $"Setting '{SectionName}:{nameof(OtlpEndpoint)}' has value '{endpoint}', which is not an absolute http(s) URI such as http://otel-collector:4317.");
        }

        var protocol = section[nameof(OtlpProtocol)] switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException(
                $"Setting '{SectionName}:{nameof(OtlpProtocol)}' has value '{other}'; it must be 'grpc' or 'http/protobuf'."),
        };

        return new TelemetryOptions
        {
            OtlpEndpoint = uri,
            OtlpProtocol = protocol,
            StandardEndpointSet = !string.IsNullOrWhiteSpace(configuration[StandardEndpointVariable]),
            ServiceName = section[nameof(ServiceName)] is { Length: > 0 } name ? name : applicationName,
        };
    }

    /// <summary>Points the traces exporter at the configured endpoint; otherwise it keeps what the OTEL_* variables say.</summary>
    public void ApplyTraces(OtlpExporterOptions exporter) => Apply(exporter, "v1/traces");

    /// <summary>Points the metrics exporter at the configured endpoint.</summary>
    public void ApplyMetrics(OtlpExporterOptions exporter) => Apply(exporter, "v1/metrics");

    /// <summary>Points the logs exporter at the configured endpoint.</summary>
    public void ApplyLogs(OtlpExporterOptions exporter) => Apply(exporter, "v1/logs");

    private void Apply(OtlpExporterOptions exporter, string signalPath)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        if (OtlpEndpoint is { } endpoint)
        {
            // Over HTTP each signal has its own path; an endpoint set in code is used as given, so it is added here.
            exporter.Protocol = OtlpProtocol;
            exporter.Endpoint = OtlpProtocol == OtlpExportProtocol.HttpProtobuf
                ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath)
                : endpoint;
        }
    }
}
