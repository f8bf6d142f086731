using System.Collections.Concurrent;
using CoProduce.Gateway.Auth;
using Microsoft.AspNetCore.SignalR;

namespace CoProduce.Gateway.Live;

/// <summary>
/// This node's hub connections by id, so the project feeds can write to each one directly, and each person's
/// connections: a person may hold at most <see cref="LiveOptions.ConnectionsPerPerson"/> at once, and all of
/// them share one call budget (<see cref="ConnectionRateLimit"/>), so opening more connections buys nothing.
/// </summary>
internal sealed class LiveConnections(LiveOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, LiveConnection> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, (int Count, ConnectionRateLimit Limit)> _people = [];
    private readonly Lock _gate = new();

    public int Count => _connections.Count;

    public void Opened(HubConnectionContext connection)
    {
        var person = connection.User.PersonId();
        ConnectionRateLimit limit;
        bool admitted;
        lock (_gate)
        {
            var (count, shared) = _people.GetValueOrDefault(person, (0, new ConnectionRateLimit(options, time)));
            admitted = count < options.ConnectionsPerPerson;
            _people[person] = (admitted ? count + 1 : count, shared);
            limit = shared;
        }

        _connections[connection.ConnectionId] = new LiveConnection(
            connection, options, time, person, limit, admitted, TokenService.ExpiresAt(connection.User));
    }

    public void Closed(string connectionId)
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
                var count = closed.Admitted ? entry.Count - 1 : entry.Count;
                if (count <= 0)
                {
                    _people.Remove(closed.PersonId);
                }
                else
                {
                    _people[closed.PersonId] = (count, entry.Limit);
                }
            }
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
