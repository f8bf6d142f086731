using System.Text;
using System.Text.Json;
using CoProduce.LiveBench.Clients;
using CoProduce.LiveBench.Hosting;

namespace CoProduce.LiveBench.Sessions;

/// <summary>
/// The bare hub: every client joins one group; the actor asks it to broadcast a message exactly as long
/// on the wire as the gateway's tally event (<see cref="MessageBytes"/>).
/// </summary>
public sealed class BareHubTarget(ServerProcess server) : ILiveTarget
{
    private const string Group = "session";

    /// <summary>What a broadcast costs on the wire beyond its text: the invocation around it and the separator.</summary>
    private static readonly int Envelope = Encoding.UTF8.GetByteCount("{\"type\":1,\"target\":\"Event\",\"arguments\":[\"\"]}") + 1;

    public string Name => "bare SignalR hub";

    public ServerProcess Server { get; } = server;

    public bool JoinOnOpen { get; set; } = true;

    /// <summary>The size each broadcast should have on the wire, separator included.</summary>
    public int MessageBytes { get; set; } = 256;

    public static async Task<BareHubTarget> StartAsync(IReadOnlyDictionary<string, string> settings) =>
        new(await ServerProcess.StartAsync(ServerProcess.BareHubMode, settings));

    public Task<LightClient> OpenAsync(int n, CancellationToken cancellationToken) => JoinAsync(cancellationToken);

    public Task<LightClient> OpenActorAsync(CancellationToken cancellationToken) => JoinAsync(cancellationToken);

    public Task ActAsync(LightClient actor, int round, CancellationToken cancellationToken) =>
        actor.InvokeAsync("Broadcast", $"{JsonSerializer.Serialize(Group)},{MessageBytes - Envelope}", cancellationToken);

    private async Task<LightClient> JoinAsync(CancellationToken cancellationToken)
    {
        var hub = new UriBuilder(new Uri(Server.Address, BareHubServer.Path)) { Scheme = "ws" }.Uri;
        var client = await LightClient.ConnectAsync(hub, cancellationToken);
        if (JoinOnOpen)
        {
            await client.InvokeAsync("Join", JsonSerializer.Serialize(Group), cancellationToken);
        }

        return client;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
