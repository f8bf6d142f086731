using CoProduce.Grains.Common;
using CoProduce.Live;
using CoProduce.Runtime.Events;
using CoProduce.Runtime.Grains;
using CoProduce.Runtime.State;

namespace CoProduce.Grains.Live;

/// <summary>
/// A project's live session. Each change raises one live event and writes the state with it, so the
/// journal (the project's live sequence) and the state never disagree. Not reentrant: one change at a
/// time keeps the sequence in the order things happened.
/// </summary>
public sealed partial class ProjectLiveGrain(
    [PersistentState("live")] IPersistentState<ProjectLiveState> state,
    IGrainEventStream journal,
    TimeProvider time) : Grain, IProjectLiveGrain
{
    private ProjectLiveState S => state.State;

    private Guid ProjectId => GetPrimaryKey();

    public async Task<LiveSnapshot> Arrive(string connectionId, PresentPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (S.Present.TryGetValue(person.PersonId, out var entry))
        {
            if (!entry.Connections.Contains(connectionId))
            {
                await Commit(S with { Present = With(S.Present, person.PersonId, entry with { Connections = [.. entry.Connections, connectionId] }) });
            }
        }
        else
        {
            await Commit(Attend(S with { Present = With(S.Present, person.PersonId, new PresentEntry(person, [connectionId])) }, person), new PersonJoined(
                person.PersonId, person.DisplayName, person.Role, person.With, person.AccessNeeds));
        }

        return await Snapshot();
    }

    public async Task Depart(string connectionId, Guid personId)
    {
        if (!S.Present.TryGetValue(personId, out var entry) || !entry.Connections.Contains(connectionId))
        {
            return;
        }

        var remaining = entry.Connections.Where(c => c != connectionId).ToList();
        if (remaining.Count > 0)
        {
            await Commit(S with { Present = With(S.Present, personId, entry with { Connections = remaining }) });
            return;
        }

        // The person has gone: out of the queue and off the floor first, so the record says why.
        var events = new List<LiveEvent>();
        var next = S;
        if (next.Queue.Any(h => h.PersonId == personId))
        {
            next = next with { Queue = [.. next.Queue.Where(h => h.PersonId != personId)] };
            events.Add(new HandLowered(personId));
        }

        if (next.Floor?.PersonId == personId)
        {
            next = EndFloor(next, events);
        }

        var present = new Dictionary<Guid, PresentEntry>(next.Present);
        present.Remove(personId);
        events.Add(new PersonLeft(personId));
        await Commit(Leave(next with { Present = present }, personId), [.. events]);
    }

    public async Task<LiveSnapshot> Snapshot() => new(
        await GetLastEventSequenceAsync(),
        [.. S.Present.Values.Select(p => p.Person)],
        S.Queue,
        S.Floor,
        S.Pace);

    private Task Commit(ProjectLiveState next, params LiveEvent[] events)
    {
        foreach (var e in events)
        {
            RaiseEvent(new LiveRecorded(e));
        }

        state.State = next;
        return state.WriteStateAsync();
    }

    private static Dictionary<TKey, TValue> With<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> map, TKey key, TValue value)
        where TKey : notnull => new(map) { [key] = value };

    private PresentEntry Present(Guid personId) =>
        S.Present.TryGetValue(personId, out var entry)
            ? entry
            : throw DomainException.Conflict("That person is not in the live session.");

    private void EnsureFacilitator(Guid personId)
    {
        if (Present(personId).Person.Role != LiveRole.Facilitator)
        {
            throw DomainException.Forbidden("Only the session's facilitators can do this.");
        }
    }

    private Task<IReadOnlyList<GrainEvent>> ReadSource(GrainId source, long after) => journal.ReadAsync(source, after, 200);
}
