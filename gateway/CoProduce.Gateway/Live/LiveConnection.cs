using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace CoProduce.Gateway.Live;

/// <summary>
/// One hub connection on this node: the sessions it joined, its rate limit, and its outgoing pushes. Kept
/// small (a connection that joined one session holds one member and no queue), because thousands are idle
/// at once; it lives in <see cref="LiveConnections"/>, not in the connection's item bag. It closes itself when
/// the token it was opened with expires: its client connects again with a current one.
/// </summary>
internal sealed class LiveConnection : IDisposable
{
    private readonly Lock _gate = new();
    private readonly HubConnectionContext _connection;
    private readonly LiveOptions _options;
    private readonly TimeProvider _time;
    private readonly ITimer? _expiry;
    private LiveMember[] _members = [];
    private Queue<SerializedHubMessage>? _backlog;
    private bool _sending;

    public LiveConnection(
        HubConnectionContext connection, LiveOptions options, TimeProvider time, Guid personId, ConnectionRateLimit limit, bool admitted, DateTimeOffset? expires)
    {
        _connection = connection;
        _options = options;
        _time = time;
        PersonId = personId;
        Limit = limit;
        Admitted = admitted;
        if (expires is { } at)
        {
            var due = at - time.GetUtcNow();
            _expiry = time.CreateTimer(_ => Expire(), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    public string Id => _connection.ConnectionId;

    /// <summary>The person signed in on this connection.</summary>
    public Guid PersonId { get; }

    /// <summary>The call budget this connection shares with every other connection of its person on this node.</summary>
    public ConnectionRateLimit Limit { get; }

    /// <summary>Whether the connection is within its person's cap on connections; one that is not is closed at once.</summary>
    public bool Admitted { get; }

    /// <summary>Closes the connection; its client connects again and catches up.</summary>
    public void Close() => _connection.Abort();

    public void Dispose() => _expiry?.Dispose();

    /// <summary>The token ran out: the client is told why (and that it may connect again), then the connection closes.</summary>
    private void Expire()
    {
        _ = _connection.WriteAsync(new CloseMessage($"{LiveErrors.Unauthorized}: your sign-in expired; connect again with a new token.", allowReconnect: true)).AsTask()
            .ContinueWith(_ => _connection.Abort(), TaskScheduler.Default);
    }

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
                if (_backlog.Count >= _options.SendQueueLimit)
                {
                    _backlog.Clear();
                    _connection.Abort();
                    return;
                }

                _backlog.Enqueue(message);
                return;
            }

            _sending = true;
        }

        var write = _connection.WriteAsync(message);
        while (write.IsCompletedSuccessfully)
        {
            if (Next() is not { } next)
            {
                return;
            }

            write = _connection.WriteAsync(next);
        }

        _ = DrainAsync(write);
    }

    private async Task DrainAsync(ValueTask write)
    {
        try
        {
            await write.AsTask().WaitAsync(_options.SendTimeout, _time);
            while (Next() is { } next)
            {
                await _connection.WriteAsync(next).AsTask().WaitAsync(_options.SendTimeout, _time);
            }
        }
        catch (Exception)
        {
            // Too slow, or gone: the connection closes, and its client catches up when it joins again.
            lock (_gate)
            {
                _backlog?.Clear();
            }

            _connection.Abort();
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
