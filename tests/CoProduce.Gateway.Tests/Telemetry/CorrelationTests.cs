using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoProduce.Gateway.Tests.Telemetry;

/// <summary>A request's trace id is its correlation id: it reaches the grain work the request causes, and the logs.</summary>
public sealed class CorrelationTests
{
    [Fact]
    public async Task RequestTraceIdReachesTheGrainCallsItCausedAndTheLogs()
    {
        var logs = new LogCapture();
        var grainCalls = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = grainCalls.Add,
        };
        ActivitySource.AddActivityListener(listener);
        await using var app = new GatewayApplication(
            settings: new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore.Hosting"] = "Information" },
            configureServices: services => services.AddSingleton<ILoggerProvider>(logs));
        var client = app.CreateClient(Guid.NewGuid());
        var traceId = ActivityTraceId.CreateRandom();
        var organisation = Guid.NewGuid();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/organisations/{organisation}");
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // Orleans' span of the call to the organisation grain belongs to the request's trace.
        Assert.Contains(grainCalls, a => a.TraceId == traceId && a.DisplayName.Contains("OrganisationGrain", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(logs.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            && e.Scopes.GetValueOrDefault("TraceId")?.ToString() == traceId.ToHexString());
    }
}
