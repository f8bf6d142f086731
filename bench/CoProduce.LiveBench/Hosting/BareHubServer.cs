using Microsoft.AspNetCore.SignalR;

namespace CoProduce.LiveBench.Hosting;

/// <summary>
/// The baseline: a bare SignalR hub with default options, no authentication, no storage; it only adds
/// connections to a group and broadcasts a message to that group.
/// </summary>
public static class BareHubServer
{
    public const string Path = "/hubs/bare";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSignalR();
        builder.Services.AddHealthChecks();
        var app = builder.Build();
        app.MapHub<BroadcastHub>(Path);
        app.MapHealthChecks("/health/ready");
        app.MapMemoryProbe();
        await app.RunAsync();
        return 0;
    }
}

/// <summary>Join a group; broadcast a message of a given length to it.</summary>
internal sealed class BroadcastHub : Hub
{
    /// <summary>Marks the broadcast as the bench clients recognise it, like the gateway's tally event.</summary>
    public const string Marker = "tallyChanged";

    public Task Join(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);

    public Task Broadcast(string group, int length) =>
        Clients.Group(group).SendAsync("Event", Marker + new string('x', Math.Max(0, length - Marker.Length)));
}
