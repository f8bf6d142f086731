using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace CoProduce.Gateway.Live;

/// <summary>This node's hub connections by id, so the project feeds can write to each one directly.</summary>
internal sealed class LiveConnections(LiveOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, LiveConnection> _connections = new(StringComparer.Ordinal);

    public int Count => _connections.Count;

    public void Opened(HubConnectionContext connection) =>
        _connections[connection.ConnectionId] = new LiveConnection(connection, options, time);

    public void Closed(string connectionId) => _connections.TryRemove(connectionId, out _);

    /// <summary>The connection; every hub call comes from an open one.</summary>
    public LiveConnection Of(string connectionId) =>
        _connections.TryGetValue(connectionId, out var connection)
            ? connection
            : throw new HubException($"{LiveErrors.Unavailable}: this connection is closing; connect again.");

    public LiveConnection? Find(string connectionId) => _connections.GetValueOrDefault(connectionId);
}

/// <summary>
/// SignalR's own lifetime manager for the project hub, which also records each connection in
/// <see cref="LiveConnections"/> for as long as it is open.
/// </summary>
internal sealed class LiveLifetimeManager(LiveConnections connections, ILogger<DefaultHubLifetimeManager<ProjectHub>> logger)
    : DefaultHubLifetimeManager<ProjectHub>(logger)
{
    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        connections.Opened(connection);
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        connections.Closed(connection.ConnectionId);
        return base.OnDisconnectedAsync(connection);
    }
}
