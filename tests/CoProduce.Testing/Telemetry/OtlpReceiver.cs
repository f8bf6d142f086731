using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoProduce.Testing.Telemetry;

/// <summary>
/// A real OTLP/HTTP receiver on a loopback port (Kestrel): it keeps every protobuf export posted to
/// <c>/v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c>, exactly as sent. Protobuf carries strings as
/// their UTF-8 bytes, so searching an export's bytes for a text finds it wherever it sits (span names, tags,
/// log bodies and attributes, resource attributes).
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _exports = new();
    private TaskCompletionSource _arrival = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The base address to configure as <c>CoProduce:Telemetry:OtlpEndpoint</c>.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1");

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new OtlpReceiver(builder.Build());
        receiver._app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver._exports.Enqueue((signal, body.ToArray()));
            receiver.Arrived();

            // An empty Export*ServiceResponse: full success.
            return Results.Bytes([], "application/x-protobuf");
        });
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    /// <summary>The exports received for one signal (<c>traces</c>, <c>metrics</c>, <c>logs</c>), as text.</summary>
    public IReadOnlyList<string> Received(string signal) =>
        [.. _exports.Where(e => e.Signal == signal).Select(e => Encoding.UTF8.GetString(e.Body))];

    /// <summary>The trace exports received, as the protobuf bytes sent.</summary>
    public IReadOnlyList<byte[]> RawTraces => [.. _exports.Where(e => e.Signal == "traces").Select(e => e.Body)];

    /// <summary>The signal of each export, in arrival order.</summary>
    public IReadOnlyList<string> Signals => [.. _exports.Select(e => e.Signal)];

    /// <summary>Every export received, of every signal, as text.</summary>
    public IReadOnlyList<string> All => [.. _exports.Select(e => Encoding.UTF8.GetString(e.Body))];

    /// <summary>Waits, checking after each export that arrives, until <paramref name="condition"/> holds; fails after <paramref name="within"/>.</summary>
    public async Task WaitUntil(Func<OtlpReceiver, bool> condition, TimeSpan within, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var next = Volatile.Read(ref _arrival).Task;
            if (condition(this))
            {
                return;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Not received within {within}: {describe()}");
            }

            await Task.WhenAny(next, Task.Delay(left));
        }
    }

    private void Arrived() => Interlocked.Exchange(ref _arrival, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
