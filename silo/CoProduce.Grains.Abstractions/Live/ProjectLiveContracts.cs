using CoProduce.Live;
using CoProduce.Journal.Events;

namespace CoProduce.Grains.Live;

/// <summary>
/// One project's live session, keyed by the project's id. Its journal is the project's live sequence:
/// every event pushed to clients is journalled here first and numbered 1, 2, 3, ... The gateway checks
/// who may join and acts for them; this grain keeps presence, the queue to speak, turns, pace signals,
/// and the events it relays from the project's agenda and decisions.
/// </summary>
[Alias("coproduce.live.IProjectLiveGrain")]
public interface IProjectLiveGrain : IGrainWithGuidKey
{
    /// <summary>
    /// A connection of <paramref name="person"/> arrived at gateway node <paramref name="node"/>; returns the
    /// session after it. The node's connections stay present while it sends <see cref="Heartbeat"/>. From now on
    /// <paramref name="observer"/> (when given) hears every live event this session commits on a silo other than
    /// <paramref name="silo"/> (the node's own, whose event stream carries them there).
    /// </summary>
    Task<LiveSnapshot> Arrive(string node, string connectionId, PresentPerson person, ILiveObserver? observer, string? silo);

    /// <summary>A connection left; when it was the person's last, they leave the queue and the floor.</summary>
    Task Depart(string connectionId, Guid personId);

    /// <summary>
    /// The project changed <paramref name="personId"/>'s part in it (called by the project grain after the change is
    /// written): <paramref name="access"/> is how they stand with it now (the role they join in follows from it by
    /// <see cref="LiveRoles.Of"/>, the same rule as at joining). Someone
    /// present in a new role acts in it from now (<see cref="PersonRoleChanged"/>); someone who may no longer join,
    /// and supporters acting with a person who is no longer a contributor, are taken out of the session
    /// (<see cref="PersonRemoved"/>, then <see cref="PersonLeft"/>), and every gateway drops their connections.
    /// </summary>
    Task ParticipantChanged(Guid personId, CoProduce.Grains.Projects.ProjectAccess access);

    /// <summary>The session now, with its sequence number and the first page of who is present.</summary>
    [ReadOnly]
    Task<LiveSnapshot> Snapshot();

    /// <summary>Up to <paramref name="limit"/> people present after <paramref name="after"/>, in order of person id.</summary>
    [ReadOnly]
    Task<PresencePage> Presence(Guid? after, int limit);

    /// <summary>Puts a present person at the end of the queue to speak.</summary>
    Task RaiseHand(Guid personId);

    Task LowerHand(Guid personId);

    /// <summary>A present facilitator gives the floor to a present person; the running turn ends first.</summary>
    Task GiveFloor(Guid facilitatorId, Guid personId);

    /// <summary>The speaker or a present facilitator ends the running turn.</summary>
    Task EndTurn(Guid personId);

    /// <summary>Speaking time by role over every finished turn (for the power-balance report).</summary>
    [ReadOnly]
    Task<SpeakingTimeReport> SpeakingTime();

    /// <summary>A present person signals; anonymous signals keep no name anywhere.</summary>
    Task SignalPace(Guid personId, PaceKind kind, bool anonymous);

    /// <summary>A present facilitator clears the pace counts.</summary>
    Task ClearPace(Guid facilitatorId);

    /// <summary>
    /// Opens a session (a facilitator of the project, checked by the caller): from now, everyone's time present is
    /// recorded until it closes. One session at a time: 409 while another is open.
    /// </summary>
    Task<LiveSessionView> OpenSession(Guid sessionId, Guid facilitatorId);

    /// <summary>Closes the open session <paramref name="sessionId"/> and keeps its attendance (<see cref="ILiveSessionGrain"/>).</summary>
    Task<LiveSessionView> CloseSession(Guid sessionId, Guid facilitatorId);

    /// <summary>The open session with attendance so far, or null.</summary>
    [ReadOnly]
    Task<LiveSessionView?> OpenSessionNow();

    /// <summary>
    /// Gateway node <paramref name="node"/> still holds connections in this session. Connections of nodes
    /// silent for longer than <paramref name="lease"/> are taken out of presence (the node died), and
    /// people left with none are announced as gone. Returns false if this node's connections had already
    /// been taken out that way, so it should close them and let their clients join again. The node's
    /// <paramref name="observer"/> is kept (as at <see cref="Arrive"/>) until its lease runs out; the answer's
    /// sequence lets the node read from the journal what its observer may have missed.
    /// </summary>
    Task<LiveBeat> Heartbeat(string node, TimeSpan lease, ILiveObserver? observer, string? silo);

    /// <summary>
    /// Relays committed events of the project's agenda and decisions (each source's in sequence order), and
    /// anything of those sources before them not yet relayed, once: the position reached in each source is
    /// kept with the live journal, in the same write. Events handed over are used as they are; the source's
    /// journal is read only for what is missing between them and the position reached.
    /// </summary>
    Task Relay(IReadOnlyList<GrainEvent> events);
}

/// <summary>The journal entry of every live event: the event as facilitators see it.</summary>
[GenerateSerializer, Alias("coproduce.live.LiveRecorded")]
public sealed record LiveRecorded(LiveEvent Event);
