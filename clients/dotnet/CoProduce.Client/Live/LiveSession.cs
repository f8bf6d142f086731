using CoProduce.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace CoProduce.Client.Live;

/// <summary>
/// A person's place in one project's live session. <see cref="Received"/> sees every event once, in
/// sequence order: after a dropped connection the session reconnects by itself, joins again with the
/// last sequence number it saw, and the hub sends what was missed before anything new. Events that
/// arrive twice are dropped; a gap (which the hub never leaves) makes it ask again.
/// </summary>
public sealed class LiveSession : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<LiveMessage> _early = [];
    private readonly JoinRequest _join;
    private long? _last;
    private bool _rejoining;
    private int _rejoins;

    private LiveSession(HubConnection connection, JoinRequest join)
    {
        Connection = connection;
        Hub = new ProjectHubProxy(connection);
        _join = join;
        connection.On<LiveMessage>(HubPaths.EventMethod, OnEvent);
        connection.Reconnected += _ => RejoinAsync();
    }

    /// <summary>The hub connection underneath, for its state and events.</summary>
    public HubConnection Connection { get; }

    /// <summary>The hub's methods.</summary>
    public IProjectHub Hub { get; }

    public Guid ProjectId => _join.ProjectId;

    /// <summary>The latest join's answer: the caller's role and the session as it stood.</summary>
    public JoinResult? Joined { get; private set; }

    /// <summary>The last sequence number handed to <see cref="Received"/>.</summary>
    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _last ?? 0;
            }
        }
    }

    /// <summary>How many times the session joined again after a reconnect.</summary>
    public int Rejoins => Volatile.Read(ref _rejoins);

    /// <summary>Each event, once, in order.</summary>
    public event Action<LiveMessage>? Received;

    /// <summary>
    /// Opens a connection to <paramref name="gateway"/>'s hub (<see cref="LiveConnection"/>) and joins the session;
    /// <paramref name="received"/> is subscribed first, so it sees the events a resumed join catches up on. After a
    /// dropped connection SignalR reconnects by <paramref name="retry"/> (by default <see cref="KeepRetrying"/>:
    /// for as long as the session is open) with a token asked of <paramref name="accessToken"/> again.
    /// </summary>
    public static async Task<LiveSession> ConnectAsync(
        Uri gateway,
        Func<CancellationToken, ValueTask<string>> accessToken,
        JoinRequest join,
        IRetryPolicy? retry = null,
        Action<LiveMessage>? received = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(join);
        var connection = LiveConnection.Build(gateway, accessToken, join.ProjectId, retry ?? new KeepRetrying());
        var session = new LiveSession(connection, join);
        session.Received += received;
        try
        {
            await connection.StartAsync(cancellationToken);
            await session.JoinAsync(join.AfterSequence);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return session;
    }

    /// <summary>
    /// Everyone present, read page by page, and the latest sequence number a page was read at. Events after it
    /// (<c>personJoined</c>, <c>personLeft</c>) bring the list up to date.
    /// </summary>
    public async Task<(long Sequence, IReadOnlyList<PresentPerson> People)> EveryonePresentAsync(int? limit = null)
    {
        var people = new List<PresentPerson>();
        long sequence = 0;
        Guid? after = null;
        do
        {
            var page = await Hub.Presence(new PresenceRequest(ProjectId, after, limit));
            people.AddRange(page.People);
            sequence = Math.Max(sequence, page.Sequence);
            after = page.Next;
        }
        while (after is not null);

        return (sequence, people);
    }

    /// <summary>The JSON hub protocol as the hub speaks it (camelCase, events by their <c>type</c>).</summary>
    public static IHubProtocol Protocol() =>
        new JsonHubProtocol(Options.Create(new JsonHubProtocolOptions { PayloadSerializerOptions = LiveConnection.PayloadJson() }));

    private async Task JoinAsync(long? after)
    {
        lock (_gate)
        {
            _early.Clear();
            _rejoining = true;
        }

        var result = await Hub.Join(_join with { AfterSequence = after });
        LiveMessage[] early;
        lock (_gate)
        {
            Joined = result;
            _last ??= result.ResumeAfter;
            _rejoining = false;
            early = [.. _early.OrderBy(m => m.Sequence)];
            _early.Clear();
        }

        foreach (var message in early)
        {
            OnEvent(message);
        }
    }

    /// <summary>A gap: join again from the last event handled; if that fails, the next reconnect does it.</summary>
    private async Task AskAgainAsync()
    {
        try
        {
            await JoinAsync(LastSequence);
        }
        catch (Exception e) when (e is HubException or InvalidOperationException or OperationCanceledException)
        {
            lock (_gate)
            {
                _rejoining = false;
            }
        }
    }

    private async Task RejoinAsync()
    {
        Interlocked.Increment(ref _rejoins);
        await JoinAsync(LastSequence);
    }

    private void OnEvent(LiveMessage message)
    {
        bool gap;
        lock (_gate)
        {
            if (_last is null || (_rejoining && message.Sequence > _last + 1))
            {
                // Before the first join answers, the position is not known yet: keep events until it is.
                _early.Add(message);
                return;
            }

            if (message.Sequence <= _last)
            {
                return;
            }

            gap = message.Sequence > _last + 1;
            if (!gap)
            {
                _last = message.Sequence;
            }
        }

        if (gap)
        {
            _ = AskAgainAsync();
            return;
        }

        Received?.Invoke(message);
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
