using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace CoProduce.Runtime.Telemetry;

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

        return new TelemetryOptions
        {
            OtlpEndpoint = uri,
            StandardEndpointSet = !string.IsNullOrWhiteSpace(configuration[StandardEndpointVariable]),
            ServiceName = section[nameof(ServiceName)] is { Length: > 0 } name ? name : applicationName,
        };
    }

    /// <summary>Points one exporter at the configured endpoint; otherwise it keeps what the OTEL_* variables say.</summary>
    public void Apply(OtlpExporterOptions exporter)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        if (OtlpEndpoint is { } endpoint)
        {
            exporter.Endpoint = endpoint;
            exporter.Protocol = OtlpExportProtocol.Grpc;
        }
    }
}
