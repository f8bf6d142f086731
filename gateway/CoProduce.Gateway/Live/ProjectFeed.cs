using System.Threading.Channels;
using CoProduce.Live;
using CoProduce.Runtime.Events;
using CoProduce.Runtime.Grains;
using Microsoft.AspNetCore.SignalR;

namespace CoProduce.Gateway.Live;

/// <summary>
/// One project's pushes on this node. One loop does everything in order: it sends each journalled event
/// to the project's groups exactly once, in sequence, whether it learnt of it from this node's event
/// stream or from another node's notice (then it reads the journal); and it lets a connection in only
/// after sending it what it missed, so nothing reaches it twice or out of order.
/// </summary>
internal sealed partial class ProjectFeed
{
    private const int Batch = 500;

    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new() { SingleReader = true });
    private readonly Guid _projectId;
    private readonly GrainId _grain;
    private readonly IHubContext<ProjectHub, IProjectHubClient> _hub;
    private readonly IGrainEventStream _stream;
    private readonly ILogger _logger;
    private long _delivered = -1;
    private int _members;

    public ProjectFeed(Guid projectId, IHubContext<ProjectHub, IProjectHubClient> hub, IGrainEventStream stream, ILogger logger)
    {
        _projectId = projectId;
        _grain = new GrainId(Grains.Live.LiveNotices.GrainType, projectId.ToString("D"));
        _hub = hub;
        _stream = stream;
        _logger = logger;
        stream.Subscribe(_grain, (e, _) =>
        {
            _work.Writer.TryWrite(new Nudge(e.Sequence, e));
            return ValueTask.CompletedTask;
        });
        _ = Task.Run(RunAsync);
    }

    /// <summary>Sends the connection every event after <paramref name="after"/>, then adds it to its group.</summary>
    public Task JoinAsync(string connectionId, bool facilitator, long after)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Writer.TryWrite(new Join(connectionId, facilitator, after, done));
        return done.Task;
    }

    public Task LeaveAsync(string connectionId, bool facilitator)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Writer.TryWrite(new Leave(connectionId, facilitator, done));
        return done.Task;
    }

    /// <summary>Another node journalled up to <paramref name="sequence"/>.</summary>
    public void Notice(long sequence) => _work.Writer.TryWrite(new Nudge(sequence, null));

    /// <summary>Notices may have been missed: read the journal.</summary>
    public void Resync() => _work.Writer.TryWrite(new Nudge(long.MaxValue, null));

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
        if (_members == 0 || nudge.Sequence <= _delivered)
        {
            return;
        }

        if (nudge.Event is not null && nudge.Sequence == _delivered + 1)
        {
            await Broadcast(LiveViews.Message(nudge.Event));
            return;
        }

        await CatchUp();
    }

    private async Task OnJoin(Join join)
    {
        if (_members == 0)
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
                    await _hub.Clients.Client(join.ConnectionId).Event(LiveViews.For(LiveViews.Message(entry), join.Facilitator));
                    from = entry.Sequence;
                }

                if (missed.Count < Batch)
                {
                    break;
                }
            }
        }

        await _hub.Groups.AddToGroupAsync(join.ConnectionId, LiveGroups.For(_projectId, join.Facilitator));
        _members++;
        join.Done.TrySetResult();
        await CatchUp();
    }

    private async Task OnLeave(Leave leave)
    {
        await _hub.Groups.RemoveFromGroupAsync(leave.ConnectionId, LiveGroups.For(_projectId, leave.Facilitator));
        _members = Math.Max(0, _members - 1);
        if (_members == 0)
        {
            _delivered = -1;
        }

        leave.Done.TrySetResult();
    }

    /// <summary>Sends the groups everything journalled after what they have.</summary>
    private async Task CatchUp()
    {
        while (_members > 0)
        {
            var entries = await _stream.ReadAsync(_grain, _delivered, Batch);
            foreach (var entry in entries)
            {
                await Broadcast(LiveViews.Message(entry));
            }

            if (entries.Count < Batch)
            {
                return;
            }
        }
    }

    private async Task Broadcast(LiveMessage message)
    {
        _delivered = message.Sequence;
        await _hub.Clients.Group(LiveGroups.For(_projectId, facilitator: true)).Event(message);
        await _hub.Clients.Group(LiveGroups.For(_projectId, facilitator: false)).Event(LiveViews.For(message, facilitator: false));
    }

    private abstract record Work;

    private sealed record Nudge(long Sequence, GrainEvent? Event) : Work;

    private sealed record Join(string ConnectionId, bool Facilitator, long After, TaskCompletionSource Done) : Work;

    private sealed record Leave(string ConnectionId, bool Facilitator, TaskCompletionSource Done) : Work;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live feed of project {ProjectId} failed a step")]
    private static partial void LogFeedFailed(ILogger logger, Guid projectId, Exception exception);
}
