using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text;
using CoProduce.Grains.Live;
using CoProduce.Journal.Events;
using CoProduce.Live;
using CoProduce.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Live;

/// <summary>
/// What happens around the session when something goes wrong: a gateway node that dies with people in the
/// room, a client that stops reading, and a relay to the live session that fails.
/// </summary>
public abstract class LiveResilienceTests(ITestDatabase database)
{
    [Fact]
    public async Task PeopleOnAGatewayNodeThatDiedLeaveThePresenceOnceItsLeaseRunsOut()
    {
        var clock = new ManualTimeProvider();
        await using var world = await LiveWorld.Create(
            database,
            new Dictionary<string, string?>
            {
                ["CoProduce:Live:HeartbeatInterval"] = "00:00:00.100",
                ["CoProduce:Live:PresenceLease"] = "00:01:00",
            },
            clock);
        var facilitator = await world.Join(world.People.Facilitator);
        var log = world.Log(facilitator);

        // Another gateway node seats someone, then dies: it never sends a heartbeat again.
        var live = world.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IProjectLiveGrain>(world.ProjectId);
        await live.Arrive("node-that-died", "its-connection", new PresentPerson(world.People.Contributor, "Sam", LiveRole.Contributor, null, null), null, null);
        await log.Next<PersonJoined>(p => p.PersonId == world.People.Contributor);

        clock.Advance(TimeSpan.FromMinutes(2));

        await log.Next<PersonLeft>(p => p.PersonId == world.People.Contributor);
        var snapshot = await live.Snapshot();
        Assert.DoesNotContain(snapshot.Present, p => p.PersonId == world.People.Contributor);
        Assert.Contains(snapshot.Present, p => p.PersonId == world.People.Facilitator);
    }

    [Fact]
    public async Task ANodeOnAnotherSiloHearsTheSessionThroughItsObserverUntilItsLeaseRunsOut()
    {
        var clock = new ManualTimeProvider();
        await using var world = await LiveWorld.Create(
            database,
            new Dictionary<string, string?>
            {
                ["CoProduce:Live:HeartbeatInterval"] = "00:00:00.100",
                ["CoProduce:Live:PresenceLease"] = "00:01:00",
            },
            clock);
        var facilitator = await world.Join(world.People.Facilitator);
        var log = world.Log(facilitator);
        var grains = Scenario.Grains(world.App);
        var live = grains.GetGrain<IProjectLiveGrain>(world.ProjectId);

        // A gateway node on another silo seats someone with its observer, hears the session, then dies.
        var dead = new HeardEvents();
        await live.Arrive(
            "node-that-died", "its-connection", new PresentPerson(world.People.Contributor, "Sam", LiveRole.Contributor, null, null),
            grains.CreateObjectReference<ILiveObserver>(dead), "another-silo");
        await facilitator.Hub.RaiseHand(world.ProjectId);
        var raised = (await log.NextMessage<HandRaised>()).Sequence;
        await Eventually.HoldsAsync(() => dead.Sequences.Contains(raised), "the other silo's node hears the raised hand");

        clock.Advance(TimeSpan.FromMinutes(2));
        await log.Next<PersonLeft>(p => p.PersonId == world.People.Contributor);

        // A node still alive hears what follows; the dead one's observer went with its lease.
        var alive = new HeardEvents();
        await live.Arrive(
            "node-alive", "its-connection", new PresentPerson(world.People.SecondContributor, "Kim", LiveRole.Contributor, null, null),
            grains.CreateObjectReference<ILiveObserver>(alive), "another-silo");
        var heardBefore = dead.Sequences.Count;
        await facilitator.Hub.LowerHand(world.ProjectId);
        var lowered = (await log.NextMessage<HandLowered>()).Sequence;
        await Eventually.HoldsAsync(() => alive.Sequences.Contains(lowered), "the living node hears the lowered hand");
        Assert.Equal(heardBefore, dead.Sequences.Count);
        Assert.DoesNotContain(lowered, dead.Sequences);
    }

    [Fact]
    public async Task AClientThatStopsReadingDoesNotHoldUpTheOthers()
    {
        await using var world = await LiveWorld.Create(
            database,
            new Dictionary<string, string?>
            {
                ["CoProduce:Live:CallBurst"] = "1000",
                ["CoProduce:Live:CallsPerSecond"] = "1000",
                ["CoProduce:Live:SendTimeout"] = "00:05:00",
                ["CoProduce:Live:SendQueueLimit"] = "100000",
            },
            services: s => s.Configure<SocketTransportOptions>(o => o.CreateBoundListenSocket = endpoint =>
            {
                // Small kernel buffers on the server's side, so a client that stops reading is felt soon.
                var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
                socket.SendBufferSize = 4096;
                return socket;
            }));
        var facilitator = await world.Join(world.People.Facilitator);
        var log = world.Log(facilitator);
        await using var stuck = await StuckClient.JoinAsync(world.Address, world.App.TokenFor(world.People.Contributor), world.ProjectId);

        // About 8 KB per change: far more in all than the stuck client's buffers hold.
        var text = new string('x', 3990);
        var item = await facilitator.Hub.ProposeItem(new ProposeItemRequest(world.ProjectId, "Transport to meetings", text, text));
        for (var i = 0; i < 80; i++)
        {
            item = await facilitator.Hub.EditItem(new EditItemRequest(world.ProjectId, item.Id, $"Transport to meetings ({i})", text, text, item.Version));
        }

        var last = await log.Next<AgendaItemEdited>(e => e.Item.Version == item.Version);
        Assert.Equal($"Transport to meetings (79)", last.Item.Title);

        // The stuck client was neither waited for nor dropped: reading again, it gets every change in order.
        var titles = await stuck.ReadEditsAsync(item.Version);
        Assert.Equal(Enumerable.Range(0, 80).Select(i => $"Transport to meetings ({i})"), titles);
    }

    [Fact]
    public async Task ARelayThatFailedIsTriedAgainWithoutWaitingForTheNextEvent()
    {
        var failNextLiveWrite = false;
        await using var world = await LiveWorld.Create(
            database,
            decorateStorage: inner => new FailingLiveWrites(inner, () => Interlocked.Exchange(ref failNextLiveWrite, false)));
        var facilitator = await world.Join(world.People.Facilitator);
        var log = world.Log(facilitator);

        Volatile.Write(ref failNextLiveWrite, true);
        var item = await facilitator.Hub.ProposeItem(new ProposeItemRequest(world.ProjectId, "Evening meetings"));

        // Nothing else happens in the project: the failed relay is tried again on its own.
        var proposed = await log.Next<AgendaItemProposed>(p => p.Item.Id == item.Id);
        Assert.Equal("Evening meetings", proposed.Item.Title);
        Assert.False(Volatile.Read(ref failNextLiveWrite));
        Assert.Single(log.All<AgendaItemProposed>(), p => p.Item.Id == item.Id);
    }

    [Fact]
    public async Task AnEventCommittedJustBeforeANodeStoppedReachesTheSessionAfterARestart()
    {
        var liveWritesFail = false;
        var first = await LiveWorld.Create(
            database,
            decorateStorage: inner => new FailingLiveWrites(inner, () => Volatile.Read(ref liveWritesFail)));
        var people = first.People;
        Guid lastItem;
        await using (first)
        {
            var facilitator = await first.Join(people.Facilitator);
            var item = await facilitator.Hub.ProposeItem(new ProposeItemRequest(first.ProjectId, "Evening meetings"));
            await first.Log(facilitator).Next<AgendaItemProposed>(p => p.Item.Id == item.Id);

            // The agenda keeps the next item, but the node stops before its relay to the live session got through.
            Volatile.Write(ref liveWritesFail, true);
            lastItem = (await people.Propose(people.Contributor, "Weekend respite")).GetProperty("id").GetGuid();
        }

        // After the restart nothing more happens on the agenda; a session joining from the start still sees both items.
        await using var second = LiveWorld.Serve(database, people);
        var joined = await second.Join(people.Facilitator, after: 0);
        var proposed = await second.Log(joined).Next<AgendaItemProposed>(p => p.Item.Id == lastItem);
        Assert.Equal("Weekend respite", proposed.Item.Title);
        Assert.Equal(["Evening meetings", "Weekend respite"], second.Log(joined).All<AgendaItemProposed>().Select(p => p.Item.Title));
    }

    /// <summary>An observer standing in for a gateway node on another silo: the sequence numbers it was pushed.</summary>
    private sealed class HeardEvents : ILiveObserver
    {
        private readonly List<long> _sequences = [];

        public IReadOnlyList<long> Sequences
        {
            get
            {
                lock (_sequences)
                {
                    return [.. _sequences];
                }
            }
        }

        public Task Committed(Guid projectId, GrainEvent committed)
        {
            lock (_sequences)
            {
                _sequences.Add(committed.Sequence);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// A SignalR client over a raw WebSocket with a small receive buffer: it joins the session, then keeps
    /// pinging the server (so it is not dropped as silent) but never reads again.
    /// </summary>
    private sealed class StuckClient : IAsyncDisposable
    {
        private const char Separator = '\u001e';
        private readonly ClientWebSocket _socket;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _pinging;

        private StuckClient(ClientWebSocket socket)
        {
            _socket = socket;
            _pinging = PingAsync();
        }

        public static async Task<StuckClient> JoinAsync(Uri address, string token, Guid projectId)
        {
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (context, cancellationToken) =>
                {
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            };
            var socket = new ClientWebSocket();
            var uri = new UriBuilder(new Uri(address, HubPaths.Project)) { Scheme = "ws", Query = $"{HubPaths.AccessTokenQuery}={Uri.EscapeDataString(token)}" }.Uri;
            await socket.ConnectAsync(uri, new HttpMessageInvoker(handler), CancellationToken.None);
            await Send(socket, "{\"protocol\":\"json\",\"version\":1}");
            var join = JsonSerializer.Serialize(new { type = 1, invocationId = "1", target = "Join", arguments = new object[] { new { projectId } } });
            await Send(socket, join);

            // Read up to the join's completion, then never again.
            var buffer = new byte[64 * 1024];
            var received = new StringBuilder();
            while (!received.ToString().Contains("\"invocationId\":\"1\"", StringComparison.Ordinal))
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                received.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            }

            Assert.Contains("\"result\"", received.ToString(), StringComparison.Ordinal);
            return new StuckClient(socket);
        }

        /// <summary>Reads again until the edit that made <paramref name="version"/>; the titles of every edit seen.</summary>
        public async Task<IReadOnlyList<string>> ReadEditsAsync(long version)
        {
            var titles = new List<string>();
            var buffer = new byte[64 * 1024];
            var text = new StringBuilder();
            using var within = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, within.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return titles;
                }

                text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                var frames = text.ToString().Split(Separator);
                text.Clear().Append(frames[^1]);
                foreach (var frame in frames[..^1])
                {
                    using var json = JsonDocument.Parse(frame);
                    if (json.RootElement.TryGetProperty("arguments", out var arguments)
                        && arguments[0].GetProperty("event") is { } e
                        && e.GetProperty("type").GetString() == "agendaItemEdited")
                    {
                        var edited = e.GetProperty("item");
                        titles.Add(edited.GetProperty("title").GetString()!);
                        if (edited.GetProperty("version").GetInt64() == version)
                        {
                            return titles;
                        }
                    }
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _pinging.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _socket.Abort();
            _socket.Dispose();
            _stop.Dispose();
        }

        private static Task Send(ClientWebSocket socket, string message) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(message + Separator), WebSocketMessageType.Text, true, CancellationToken.None);

        private async Task PingAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                await Send(_socket, "{\"type\":6}");
                await Task.Delay(TimeSpan.FromSeconds(2), _stop.Token);
            }
        }
    }
}

public sealed class SqliteLiveResilienceTests(SqliteDatabase database) : LiveResilienceTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresLiveResilienceTests(PostgresDatabase database) : LiveResilienceTests(database), IClassFixture<PostgresDatabase>;
