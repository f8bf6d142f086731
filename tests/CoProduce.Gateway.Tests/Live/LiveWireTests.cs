using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using CoProduce.Live;
using CoProduce.Testing;
using Xunit.Abstractions;

namespace CoProduce.Gateway.Tests.Live;

/// <summary>
/// The hub spoken to without any SDK: SignalR's JSON protocol over a bare WebSocket, as docs/live.md
/// describes it for other clients (the TypeScript SDK among them).
/// </summary>
public abstract class LiveWireTests(ITestDatabase database, ITestOutputHelper output)
{
    private const char Separator = '\u001e';

    [Fact]
    public async Task TheWireFormatIsTheDocumentedOne()
    {
        await using var world = await LiveWorld.Create(database);
        using var socket = new ClientWebSocket();
        var token = Uri.EscapeDataString(world.App.TokenFor(world.People.Contributor));
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{world.Address.Port}{HubPaths.Project}?access_token={token}&projectId={world.ProjectId}"), default);
        var frames = new Frames(socket);

        await frames.Send("""{"protocol":"json","version":1}""");
        Assert.Equal("{}", await frames.Next());
        await frames.Send($$"""{"type":1,"invocationId":"1","target":"Join","arguments":[{"projectId":"{{world.ProjectId}}","accessNeeds":["Large print"]}]}""");
        var joined = JsonDocument.Parse(await frames.Next(m => m.Contains("\"invocationId\":\"1\"", StringComparison.Ordinal))).RootElement;
        output.WriteLine(joined.GetRawText());
        Assert.Equal(3, joined.GetProperty("type").GetInt32());
        var result = joined.GetProperty("result");
        Assert.Equal("Contributor", result.GetProperty("role").GetString());
        var resumeAfter = result.GetProperty("resumeAfter").GetInt64();
        Assert.Equal(resumeAfter, result.GetProperty("snapshot").GetProperty("sequence").GetInt64());

        await frames.Send($$"""{"type":1,"invocationId":"2","target":"SignalPace","arguments":[{"projectId":"{{world.ProjectId}}","kind":"SlowDown","anonymous":true}]}""");
        var pushed = JsonDocument.Parse(await frames.Next(m => m.Contains("\"target\":\"Event\"", StringComparison.Ordinal))).RootElement;
        output.WriteLine(pushed.GetRawText());
        var message = pushed.GetProperty("arguments")[0];
        Assert.Equal(resumeAfter + 1, message.GetProperty("sequence").GetInt64());
        Assert.True(message.TryGetProperty("at", out _));
        var @event = message.GetProperty("event");
        Assert.Equal("type", @event.EnumerateObject().First().Name);
        Assert.Equal(("paceSignalled", "SlowDown"), (@event.GetProperty("type").GetString(), @event.GetProperty("kind").GetString()));

        // A refusal: a completion with an error, and the connection goes on.
        await frames.Send($$"""{"type":1,"invocationId":"3","target":"GiveFloor","arguments":[{"projectId":"{{world.ProjectId}}","personId":"{{world.People.Contributor}}"}]}""");
        var refused = JsonDocument.Parse(await frames.Next(m => m.Contains("\"invocationId\":\"3\"", StringComparison.Ordinal))).RootElement;
        output.WriteLine(refused.GetRawText());
        Assert.Contains("HubException: Forbidden: ", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    private sealed class Frames(ClientWebSocket socket)
    {
        private readonly Queue<string> _ready = new();
        private readonly StringBuilder _partial = new();

        public Task Send(string message) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(message + Separator), WebSocketMessageType.Text, true, default);

        public async Task<string> Next(Func<string, bool>? match = null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var buffer = new byte[16 * 1024];
            while (true)
            {
                while (_ready.TryDequeue(out var message))
                {
                    if (match?.Invoke(message) ?? true)
                    {
                        return message;
                    }
                }

                var received = await socket.ReceiveAsync(buffer, timeout.Token);
                _partial.Append(Encoding.UTF8.GetString(buffer, 0, received.Count));
                var text = _partial.ToString();
                var last = text.LastIndexOf(Separator);
                if (last >= 0)
                {
                    foreach (var part in text[..last].Split(Separator))
                    {
                        _ready.Enqueue(part);
                    }

                    _partial.Clear().Append(text[(last + 1)..]);
                }
            }
        }
    }
}

public sealed class SqliteLiveWireTests(SqliteDatabase database, ITestOutputHelper output) : LiveWireTests(database, output), IClassFixture<SqliteDatabase>;

public sealed class PostgresLiveWireTests(PostgresDatabase database, ITestOutputHelper output) : LiveWireTests(database, output), IClassFixture<PostgresDatabase>;
