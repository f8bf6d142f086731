using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;

namespace CoProduce.Telemetry;

/// <summary>Correlated logs always; OTLP export of traces, metrics and logs when configured.</summary>
public static class TelemetryHostingExtensions
{
    /// <summary>
    /// Puts the current trace and span id into every log scope (so a request's logs and the grain work it
    /// causes share a trace id), and, when <see cref="TelemetryOptions.Exports"/>, starts the OTLP export.
    /// </summary>
    public static IHostApplicationBuilder AddCoProduceTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        var options = TelemetryOptions.From(builder.Configuration, builder.Environment.ApplicationName);
        if (!options.Exports)
        {
            return builder;
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(_ => new TelemetryExport(options));
        builder.Services.AddHostedService<TelemetryExportStarter>();
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeScopes = true;
            logging.IncludeFormattedMessage = true;
            logging.SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(options.ServiceName));
            logging.AddProcessor(new UnattributedLogs());
            logging.AddOtlpExporter(options.ApplyLogs);
        });
        // Orleans' own debug and trace lines (activations, directory, placement) name the grain keys of whatever they
        // concern, people's ids among them, and outside any request's scope, where the unattributed processors cannot
        // tell an anonymous ballot's work from any other. They stay on the node's console and are never exported.
        builder.Logging.AddFilter<OpenTelemetryLoggerProvider>("Orleans", LogLevel.Information);
        return builder;
    }

    /// <summary>Creates the export when the host starts; the container disposes (and so flushes) it last.</summary>
    private sealed class TelemetryExportStarter(TelemetryExport export) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(export);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
