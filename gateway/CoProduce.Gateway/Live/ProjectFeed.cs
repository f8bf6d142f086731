using System.Threading.Channels;
using CoProduce.Live;
using CoProduce.Journal.Events;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace CoProduce.Gateway.Live;

/// <summary>
/// One project's pushes on this node. One loop does everything in order: it sends each journalled event
/// to the project's connections exactly once, in sequence, whether it learnt of it from this node's event
/// stream or from the session's push to this node's observer (it reads the journal for a gap, or when only
/// told how far the session got); and it lets a connection in only
/// after sending it what it missed, so nothing reaches it twice or out of order. Each message is
/// serialized once per audience and handed to each connection's own queue, so a client that stops
/// reading never holds up the others (<see cref="LiveConnection.Send"/>).
/// </summary>
internal sealed partial class ProjectFeed
{
    private const int Batch = 500;

    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new() { SingleReader = true });
    private readonly Guid _projectId;
    private readonly JournalId _grain;
    private readonly IGrainEventStream _stream;
    private readonly ILogger _logger;
    private readonly Dictionary<string, (LiveConnection Connection, bool Facilitator)> _members = new(StringComparer.Ordinal);
    private long _delivered = -1;
    private int _count;

    public ProjectFeed(Guid projectId, IGrainEventStream stream, ILogger logger)
    {
        _projectId = projectId;
        _grain = new JournalId(Grains.Live.LiveJournal.GrainType, projectId.ToString("D"));
        _stream = stream;
        _logger = logger;
        stream.Subscribe(_grain, (e, _) =>
        {
            _work.Writer.TryWrite(new Nudge(e.Sequence, e));
            return ValueTask.CompletedTask;
        });
        _ = Task.Run(RunAsync);
    }

    public Guid ProjectId => _projectId;

    /// <summary>Whether any connection of this node is in the session.</summary>
    public bool HasMembers => Volatile.Read(ref _count) > 0;

    /// <summary>Sends the connection every event after <paramref name="after"/>, then adds it to the session's pushes.</summary>
    public Task JoinAsync(LiveConnection connection, bool facilitator, long after)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Writer.TryWrite(new Join(connection, facilitator, after, done));
        return done.Task;
    }

    public Task LeaveAsync(LiveConnection connection, bool facilitator)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Writer.TryWrite(new Leave(connection, done));
        return done.Task;
    }

    /// <summary>The session, on another silo, committed <paramref name="committed"/>.</summary>
    public void Committed(GrainEvent committed) => _work.Writer.TryWrite(new Nudge(committed.Sequence, committed));

    /// <summary>The session's journal reached <paramref name="sequence"/>: whatever this feed has not sent yet is read from it.</summary>
    public void Notice(long sequence) => _work.Writer.TryWrite(new Nudge(sequence, null));

    /// <summary>The session took this node's connections out of presence: close them, so their clients join again.</summary>
    public void CloseAll() => _work.Writer.TryWrite(new CloseEveryone());

    private async Task RunAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync())
        {
            try
            {
                await (work switch
                {
                    Nudge n => OnNudge(n),
                    Join j => OnJoin(j),
                    Leave l => OnLeave(l),
                    CloseEveryone => OnCloseAll(),
                    _ => Task.CompletedTask,
                });
            }
            catch (Exception e)
            {
                LogFeedFailed(_logger, _projectId, e);
                (work as Join)?.Done.TrySetException(e);
                (work as Leave)?.Done.TrySetException(e);
            }
        }
    }

    private async Task OnNudge(Nudge nudge)
    {
        if (_members.Count == 0 || nudge.Sequence <= _delivered)
        {
            return;
        }

        if (nudge.Event is not null && nudge.Sequence == _delivered + 1)
        {
            Broadcast(LiveViews.Message(nudge.Event));
            return;
        }

        await CatchUp();
    }

    private async Task OnJoin(Join join)
    {
        var facilitator = join.Facilitator;
        if (_members.Count == 0)
        {
            _delivered = join.After;
        }
        else
        {
            await CatchUp();
            var from = join.After;
            while (from < _delivered)
            {
                var missed = await _stream.ReadAsync(_grain, from, Batch);
                foreach (var entry in missed.TakeWhile(m => m.Sequence <= _delivered))
                {
                    // What the replay holds applies to this connection as a broadcast would: a role change before the
                    // events after it, a removal after the event that says so (then nothing more, and no membership).
                    var message = LiveViews.Message(entry);
                    facilitator = message.Event is PersonRoleChanged changed && Reassign(join.Connection, changed) is { } role
                        ? role == LiveRole.Facilitator
                        : facilitator;
                    join.Connection.Send(Serialized(LiveViews.For(message, facilitator)));
                    from = entry.Sequence;
                    if (message.Event is PersonRemoved removed && join.Connection.Find(_projectId)?.PersonId == removed.PersonId)
                    {
                        join.Connection.Remove(_projectId);
                        join.Done.TrySetResult();
                        return;
                    }
                }

                if (missed.Count < Batch)
                {
                    break;
                }
            }
        }

        _members[join.Connection.Id] = (join.Connection, facilitator);
        Volatile.Write(ref _count, _members.Count);
        join.Done.TrySetResult();
        await CatchUp();
    }

    private Task OnLeave(Leave leave)
    {
        _members.Remove(leave.Connection.Id);
        Volatile.Write(ref _count, _members.Count);
        if (_members.Count == 0)
        {
            _delivered = -1;
        }

        leave.Done.TrySetResult();
        return Task.CompletedTask;
    }

    private Task OnCloseAll()
    {
        foreach (var (connection, _) in _members.Values)
        {
            connection.Close();
        }

        return Task.CompletedTask;
    }

    /// <summary>Sends the members everything journalled after what they have.</summary>
    private async Task CatchUp()
    {
        while (_members.Count > 0)
        {
            var entries = await _stream.ReadAsync(_grain, _delivered, Batch);
            foreach (var entry in entries)
            {
                Broadcast(LiveViews.Message(entry));
            }

            if (entries.Count < Batch)
            {
                return;
            }
        }
    }

    private void Broadcast(LiveMessage message)
    {
        _delivered = message.Sequence;
        if (message.Event is PersonRoleChanged changed)
        {
            // Before the event is sent: the person already sees it, and everything after it, in their new role.
            Reassign(changed);
        }

        var whole = Serialized(message);
        var trimmed = LiveViews.TrimsForOthers(message.Event) ? Serialized(LiveViews.For(message, facilitator: false)) : whole;
        foreach (var (connection, facilitator) in _members.Values)
        {
            connection.Send(facilitator ? whole : trimmed);
        }

        if (message.Event is PersonRemoved removed)
        {
            // After it: the removed person's connections learn why, then leave the session and get nothing more.
            Drop(removed.PersonId);
        }

        LiveTelemetry.Pushed(message);
    }

    /// <summary>The connections where <paramref name="personId"/> is in the room as themselves (not as a supporter).</summary>
    private List<(LiveConnection Connection, LiveMember Member)> ConnectionsOf(Guid personId) =>
        [.. _members.Values
            .Select(m => (m.Connection, Member: m.Connection.Find(_projectId)))
            .Where(m => m.Member?.PersonId == personId)
            .Select(m => (m.Connection, m.Member!))];

    private void Reassign(PersonRoleChanged changed)
    {
        foreach (var (connection, _) in ConnectionsOf(changed.PersonId))
        {
            if (Reassign(connection, changed) is { } role)
            {
                _members[connection.Id] = (connection, role == LiveRole.Facilitator);
            }
        }
    }

    /// <summary>Gives the connection's member the new role when the change is theirs (not a supporter's); the role it now has, if changed.</summary>
    private LiveRole? Reassign(LiveConnection connection, PersonRoleChanged changed)
    {
        if (connection.Find(_projectId) is not { } member || member.PersonId != changed.PersonId || member.Role == LiveRole.Supporter)
        {
            return null;
        }

        connection.Add(member with { Role = changed.Role });
        return changed.Role;
    }

    private void Drop(Guid personId)
    {
        foreach (var (connection, _) in ConnectionsOf(personId))
        {
            connection.Remove(_projectId);
            _members.Remove(connection.Id);
        }

        Volatile.Write(ref _count, _members.Count);
    }

    /// <summary>The push as SignalR sends it to a typed client's <see cref="IProjectHubClient.Event"/>, serialized once per protocol.</summary>
    private static SerializedHubMessage Serialized(LiveMessage message) =>
        new(new InvocationMessage(nameof(IProjectHubClient.Event), [message]));

    private abstract record Work;

    private sealed record Nudge(long Sequence, GrainEvent? Event) : Work;

    private sealed record Join(LiveConnection Connection, bool Facilitator, long After, TaskCompletionSource Done) : Work;

    private sealed record Leave(LiveConnection Connection, TaskCompletionSource Done) : Work;

    private sealed record CloseEveryone : Work;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live feed of project {ProjectId} failed a step")]
    private static partial void LogFeedFailed(ILogger logger, Guid projectId, Exception exception);
}
