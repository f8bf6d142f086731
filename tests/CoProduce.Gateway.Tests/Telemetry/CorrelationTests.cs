using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoProduce.Gateway.Tests.Telemetry;

/// <summary>A request's trace id is its correlation id: it reaches the logs of the grain work the request causes.</summary>
public sealed class CorrelationTests
{
    [Fact]
    public async Task RequestTraceIdAppearsInTheLogsOfTheGrainWorkItCaused()
    {
        var logs = new LogCapture();
        await using var app = new GatewayApplication(
            settings: new Dictionary<string, string?>
            {
                ["Logging:LogLevel:CoProduce.Runtime"] = "Debug",
                ["Logging:LogLevel:Microsoft.AspNetCore.Hosting"] = "Information",
            },
            configureServices: services => services.AddSingleton<ILoggerProvider>(logs));
        var client = app.CreateClient(Guid.NewGuid());
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var organisation = Guid.NewGuid();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/organisations/{organisation}");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var activation = Assert.Single(logs.Entries, e => e.Category.StartsWith("CoProduce.Runtime", StringComparison.Ordinal)
            && e.Message.Contains($"{organisation:D} activated", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(traceId, activation.Scopes.GetValueOrDefault("TraceId")?.ToString());
        Assert.Contains(logs.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            && e.Scopes.GetValueOrDefault("TraceId")?.ToString() == traceId);
    }
}
