using CoProduce.Journal.State;
using CoProduce.Grains.Common;
using CoProduce.Live;
using CoProduce.Journal.Events;
using Microsoft.Extensions.Logging;

namespace CoProduce.Grains.Live;

/// <summary>
/// A project's live session. Each change raises one live event and writes the state with it, so the
/// journal (the project's live sequence) and the state never disagree. Not reentrant: one change at a
/// time keeps the sequence in the order things happened. Presence and the gateway nodes' heartbeats are
/// kept in states of their own, so the writes of relayed votes, agenda changes and heartbeats do not carry
/// everyone present.
/// </summary>
[GrainType(LiveJournal.GrainType)]
public sealed partial class ProjectLiveGrain(
    [JournaledState("live")] IJournaledState<ProjectLiveState> state,
    [JournaledState("presence")] IJournaledState<LivePresenceState> presence,
    [JournaledState("nodes")] IJournaledState<LiveNodesState> nodes,
    IGrainEventStream journal,
    ILocalSiloDetails siloDetails,
    TimeProvider time,
    ILogger<ProjectLiveGrain> logger) : JournaledGrain, IProjectLiveGrain
{
    private ProjectLiveState S => state.State;

    private LivePresenceState P => presence.State;

    private LiveNodesState N => nodes.State;

    private Guid ProjectId => this.GetPrimaryKey();

    private Task Commit(ProjectLiveState next, params LiveEvent[] events)
    {
        foreach (var e in events)
        {
            RaiseEvent(new LiveRecorded(e));
        }

        state.State = next;
        return state.WriteStateAsync();
    }

    private Task CommitPresence(LivePresenceState next, params LiveEvent[] events)
    {
        foreach (var e in events)
        {
            RaiseEvent(new LiveRecorded(e));
        }

        presence.State = next;
        _presentOrder = null;
        return presence.WriteStateAsync();
    }

    private static Dictionary<TKey, TValue> With<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> map, TKey key, TValue value)
        where TKey : notnull => new(map) { [key] = value };

    private PresentEntry Present(Guid personId) =>
        P.Present.TryGetValue(personId, out var entry)
            ? entry
            : throw DomainException.Conflict("That person is not in the live session.");

    private void EnsureFacilitator(Guid personId)
    {
        if (Present(personId).Person.Role != LiveRole.Facilitator)
        {
            throw DomainException.Forbidden("Only the session's facilitators can do this.");
        }
    }

    private Task<IReadOnlyList<GrainEvent>> ReadSource(JournalId source, long after) => journal.ReadAsync(source, after, RelayBatch);
}
