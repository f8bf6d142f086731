using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoProduce.Gateway.Tests.Sdk;

/// <summary>A request as the scripted server received it, with when it arrived.</summary>
public sealed record ReceivedRequest(string Method, string Path, string? IdempotencyKey, TimeSpan ArrivedAt);

/// <summary>
/// A small HTTP server on a free loopback port for the SDK's own tests: it answers each request with the next
/// status of its script (503 as problem details with <c>Retry-After</c>; anything else with the body it was given) and
/// keeps what arrived and when.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _statuses;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private ScriptedServer(IEnumerable<int> statuses, string retryAfter, string body)
    {
        _statuses = new ConcurrentQueue<int>(statuses);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(async context =>
        {
            Received.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path,
                context.Request.Headers["Idempotency-Key"].FirstOrDefault(),
                _clock.Elapsed));
            var status = _statuses.TryDequeue(out var next) ? next : StatusCodes.Status200OK;
            context.Response.StatusCode = status;
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                context.Response.Headers.RetryAfter = retryAfter;
                context.Response.ContentType = "application/problem+json";
                await context.Response.WriteAsync("""{"title":"A node of the cluster is not answering just now.","status":503}""");
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        });
    }

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    private Uri? _address;

    /// <summary>Where the started server listens; known only once <see cref="StartAsync"/> has bound a port.</summary>
    public Uri Address => _address ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>Starts a server that answers with <paramref name="statuses"/> in turn, then 200 with <paramref name="body"/>.</summary>
    public static async Task<ScriptedServer> StartAsync(IEnumerable<int> statuses, string retryAfter, string body)
    {
        var server = new ScriptedServer(statuses, retryAfter, body);
        await server._app.StartAsync();
        server._address = new Uri(server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
