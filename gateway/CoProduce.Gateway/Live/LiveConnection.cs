using Microsoft.AspNetCore.SignalR;

namespace CoProduce.Gateway.Live;

/// <summary>
/// One hub connection on this node: the sessions it joined, its rate limit, and its outgoing pushes. Kept
/// small (a connection that joined one session holds one member and no queue), because thousands are idle
/// at once; it lives in <see cref="LiveConnections"/>, not in the connection's item bag.
/// </summary>
internal sealed class LiveConnection(HubConnectionContext connection, LiveOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private LiveMember[] _members = [];
    private Queue<SerializedHubMessage>? _backlog;
    private bool _sending;

    public string Id => connection.ConnectionId;

    public ConnectionRateLimit Limit { get; } = new(options, time);

    /// <summary>Closes the connection; its client connects again and catches up.</summary>
    public void Close() => connection.Abort();

    public void Add(LiveMember member)
    {
        lock (_gate)
        {
            _members = [.. _members.Where(m => m.ProjectId != member.ProjectId), member];
        }
    }

    public LiveMember? Find(Guid projectId)
    {
        var members = Volatile.Read(ref _members);
        return Array.Find(members, m => m.ProjectId == projectId);
    }

    public LiveMember? Remove(Guid projectId)
    {
        lock (_gate)
        {
            var found = Array.Find(_members, m => m.ProjectId == projectId);
            _members = found is null ? _members : [.. _members.Where(m => m.ProjectId != projectId)];
            return found;
        }
    }

    public IReadOnlyList<LiveMember> RemoveAll()
    {
        lock (_gate)
        {
            var all = _members;
            _members = [];
            return all;
        }
    }

    /// <summary>
    /// Queues a push. It is written at once when the connection keeps up; a connection that does not
    /// (its client stopped reading) gets its pushes in order from its own small queue, so the project's
    /// feed never waits for it, and it is closed when a push waits longer than the send timeout or the
    /// queue is full. Its client reconnects and catches up from the journal.
    /// </summary>
    public void Send(SerializedHubMessage message)
    {
        lock (_gate)
        {
            if (_sending)
            {
                _backlog ??= new Queue<SerializedHubMessage>();
                if (_backlog.Count >= options.SendQueueLimit)
                {
                    _backlog.Clear();
                    connection.Abort();
                    return;
                }

                _backlog.Enqueue(message);
                return;
            }

            _sending = true;
        }

        var write = connection.WriteAsync(message);
        while (write.IsCompletedSuccessfully)
        {
            if (Next() is not { } next)
            {
                return;
            }

            write = connection.WriteAsync(next);
        }

        _ = DrainAsync(write);
    }

    private async Task DrainAsync(ValueTask write)
    {
        try
        {
            await write.AsTask().WaitAsync(options.SendTimeout, time);
            while (Next() is { } next)
            {
                await connection.WriteAsync(next).AsTask().WaitAsync(options.SendTimeout, time);
            }
        }
        catch (Exception)
        {
            // Too slow, or gone: the connection closes, and its client catches up when it joins again.
            lock (_gate)
            {
                _backlog?.Clear();
            }

            connection.Abort();
        }
    }

    /// <summary>The next queued push, or null when there is none (sending stops).</summary>
    private SerializedHubMessage? Next()
    {
        lock (_gate)
        {
            if (_backlog is { Count: > 0 } backlog)
            {
                return backlog.Dequeue();
            }

            _backlog = null;
            _sending = false;
            return null;
        }
    }
}
