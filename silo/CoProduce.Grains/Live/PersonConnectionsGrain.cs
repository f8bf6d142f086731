namespace CoProduce.Grains.Live;

/// <summary>
/// One person's live connections across the gateway nodes (see <see cref="IPersonConnectionsGrain"/>). Kept in memory
/// only: it guards a limit, not a record. A new activation (its silo stopped) knows no node, and learns each node's
/// connections from that node's next renewal, so for up to one heartbeat it counts fewer than are open, never more.
/// </summary>
[GrainType("personconnections")]
public sealed class PersonConnectionsGrain(TimeProvider time) : Grain, IPersonConnectionsGrain
{
    private readonly Dictionary<string, NodeLease> _nodes = new(StringComparer.Ordinal);

    public Task<bool> Open(string node, string connectionId, int cap, TimeSpan lease)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        var now = time.GetUtcNow();
        ForgetExpired(now);
        if (_nodes.TryGetValue(node, out var held) && held.Connections.ContainsKey(connectionId))
        {
            held.Until = now + lease;
            return Task.FromResult(true);
        }

        if (Count(now) >= cap)
        {
            return Task.FromResult(false);
        }

        if (held is null)
        {
            held = new NodeLease();
            _nodes[node] = held;
        }

        held.Connections[connectionId] = now;
        held.Until = now + lease;
        return Task.FromResult(true);
    }

    public Task Close(string node, string connectionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);

        // The node's entry stays (empty) until its lease runs out: a renewal listed before this close cannot bring the
        // connection back, since renewals of a node known here only take connections away.
        if (_nodes.TryGetValue(node, out var held))
        {
            held.Connections.Remove(connectionId);
        }

        return Task.CompletedTask;
    }

    public Task Renew(string node, IReadOnlyList<string> connectionIds, TimeSpan lease)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(connectionIds);
        var now = time.GetUtcNow();
        ForgetExpired(now);
        if (!_nodes.TryGetValue(node, out var held))
        {
            // A node not known here (this activation is new, or the node's lease ran out while it was slow): its list is
            // what it holds.
            held = new NodeLease();
            foreach (var id in connectionIds)
            {
                held.Connections[id] = now;
            }

            _nodes[node] = held;
        }
        else
        {
            var listed = connectionIds.ToHashSet(StringComparer.Ordinal);
            foreach (var (id, opened) in held.Connections.ToList())
            {
                if (!listed.Contains(id) && opened < held.RenewedAt)
                {
                    held.Connections.Remove(id);
                }
            }
        }

        held.RenewedAt = now;
        held.Until = now + lease;
        return Task.CompletedTask;
    }

    public Task<int> Held() => Task.FromResult(Count(time.GetUtcNow()));

    private int Count(DateTimeOffset now) => _nodes.Values.Where(n => n.Until > now).Sum(n => n.Connections.Count);

    /// <summary>Nodes whose lease ran out (they died, or stopped holding any of the person's connections) are forgotten.</summary>
    private void ForgetExpired(DateTimeOffset now)
    {
        foreach (var node in _nodes.Where(n => n.Value.Until <= now).Select(n => n.Key).ToList())
        {
            _nodes.Remove(node);
        }
    }

    /// <summary>One node's connections for the person (each with when it was opened here), and its lease.</summary>
    private sealed class NodeLease
    {
        public Dictionary<string, DateTimeOffset> Connections { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset RenewedAt { get; set; } = DateTimeOffset.MinValue;

        public DateTimeOffset Until { get; set; }
    }
}
