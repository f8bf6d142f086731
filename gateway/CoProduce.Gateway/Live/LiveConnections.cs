using System.Collections.Concurrent;
using CoProduce.Gateway.Auth;
using Microsoft.AspNetCore.SignalR;

namespace CoProduce.Gateway.Live;

/// <summary>
/// This node's hub connections by id, so the project feeds can write to each one directly, and each person's
/// connections: a person may hold at most <see cref="LiveOptions.ConnectionsPerPerson"/> at once across the cluster
/// (<see cref="LiveConnectionCap"/>), and all of them on this node share one call budget (<see cref="ConnectionRateLimit"/>),
/// so opening more connections buys nothing.
/// </summary>
internal sealed class LiveConnections(LiveOptions options, TimeProvider time, LiveConnectionCap cap)
{
    private readonly ConcurrentDictionary<string, LiveConnection> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, (int Count, ConnectionRateLimit Limit)> _people = [];
    private readonly Lock _gate = new();

    public int Count => _connections.Count;

    public async Task OpenedAsync(HubConnectionContext connection)
    {
        var person = connection.User.PersonId();
        var admitted = await cap.TryOpenAsync(person, connection.ConnectionId);
        ConnectionRateLimit limit;
        lock (_gate)
        {
            var (count, shared) = _people.GetValueOrDefault(person, (0, new ConnectionRateLimit(options, time)));
            _people[person] = (count + 1, shared);
            limit = shared;
        }

        _connections[connection.ConnectionId] = new LiveConnection(
            connection, options, time, person, limit, admitted, TokenService.ExpiresAt(connection.User));
    }

    public async Task ClosedAsync(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var closed))
        {
            return;
        }

        closed.Dispose();
        lock (_gate)
        {
            if (_people.TryGetValue(closed.PersonId, out var entry))
            {
                if (entry.Count <= 1)
                {
                    _people.Remove(closed.PersonId);
                }
                else
                {
                    _people[closed.PersonId] = (entry.Count - 1, entry.Limit);
                }
            }
        }

        if (closed.Admitted)
        {
            await cap.CloseAsync(closed.PersonId, connectionId);
        }
    }

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
    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await connections.OpenedAsync(connection);
        await base.OnConnectedAsync(connection);
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        await connections.ClosedAsync(connection.ConnectionId);
        await base.OnDisconnectedAsync(connection);
    }
}
