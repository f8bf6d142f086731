using System.Globalization;
using CoProduce.Journal.Events;
using Microsoft.Extensions.Logging;

namespace CoProduce.Grains.Live;

/// <summary>
/// The gateway nodes' observers. Each live event this activation commits is handed, off the grain's turn, to the
/// observer of every node on another silo (one-way calls: nobody waits for an answer, so a dead node holds
/// nothing up); a node on this silo takes it from its own event stream. A node's observer is dropped with the
/// node when its lease runs out.
/// </summary>
public sealed partial class ProjectLiveGrain
{
    private ILiveObserver[] _remote = [];
    private IDisposable? _committed;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var projectId = ProjectId;
        Watch(N.Watchers);
        _committed = journal.Subscribe(new JournalId(LiveJournal.GrainType, projectId.ToString("D")), (e, _) =>
        {
            foreach (var observer in Volatile.Read(ref _remote))
            {
                Tell(observer, projectId, e);
            }

            return ValueTask.CompletedTask;
        });
        await CatchUpRelays();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _committed?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The watchers with <paramref name="node"/>'s observer set (or left as they are when it has none).</summary>
    private static IReadOnlyDictionary<string, NodeWatcher> Watching(IReadOnlyDictionary<string, NodeWatcher> watchers, string node, ILiveObserver? observer, string? silo) =>
        observer is null || string.IsNullOrEmpty(silo)
            ? watchers
            : With(watchers, node, new NodeWatcher(observer.GetGrainId().ToString(), silo));

    /// <summary>Writes the nodes' state and points the pushes at its watchers.</summary>
    private async Task WriteNodes(LiveNodesState next)
    {
        nodes.State = next;
        await nodes.WriteStateAsync();
        Watch(next.Watchers);
    }

    private void Watch(IReadOnlyDictionary<string, NodeWatcher> watchers)
    {
        var here = siloDetails.SiloAddress.ToParsableString();
        Volatile.Write(ref _remote, [.. watchers.Values
            .Where(w => w.Silo != here)
            .Select(w => GrainFactory.GetGrain<ILiveObserver>(GrainId.Parse(w.Observer, CultureInfo.InvariantCulture)))]);
    }

    private void Tell(ILiveObserver observer, Guid projectId, GrainEvent e)
    {
        try
        {
            observer.Committed(projectId, e).ContinueWith(
                t => LogPushFailed(logger, projectId, e.Sequence, t.Exception!),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
        catch (Exception failure)
        {
            // The node catches up from the journal at its next heartbeat.
            LogPushFailed(logger, projectId, e.Sequence, failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pushing live event {Sequence} of project {ProjectId} to a gateway node failed")]
    private static partial void LogPushFailed(ILogger logger, Guid projectId, long sequence, Exception exception);
}
