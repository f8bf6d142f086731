using CoProduce.Live;

namespace CoProduce.Grains.Live;

public sealed partial class ProjectLiveGrain
{
    private const int SweptKept = 16;

    public async Task<LiveSnapshot> Arrive(string node, string connectionId, PresentPerson person, ILiveObserver? observer, string? silo)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(person);
        var watchers = Watching(N.Watchers, node, observer, silo);
        if (!N.Nodes.ContainsKey(node) || N.Watchers.GetValueOrDefault(node) != watchers.GetValueOrDefault(node))
        {
            await WriteNodes(N with { Nodes = N.Nodes.ContainsKey(node) ? N.Nodes : With(N.Nodes, node, time.GetUtcNow()), Watchers = watchers });
        }

        var connection = new PresentConnection(connectionId, node);
        if (P.Present.TryGetValue(person.PersonId, out var entry))
        {
            if (!entry.Connections.Any(c => c.Id == connectionId))
            {
                await CommitPresence(P with
                {
                    Present = With(P.Present, person.PersonId, entry with { Connections = [.. entry.Connections, connection] }),
                });
            }
        }
        else
        {
            await CommitPresence(
                P with { Present = With(P.Present, person.PersonId, new PresentEntry(person, [connection])) },
                new PersonJoined(person.PersonId, person.DisplayName, person.Role, person.With, person.AccessNeeds));
            if (S.Session is not null)
            {
                // Their time in the open session starts (again).
                await Commit(Attend(S, person));
            }
        }

        return await Snapshot();
    }

    public Task Depart(string connectionId, Guid personId) =>
        P.Present.TryGetValue(personId, out var entry) && entry.Connections.Any(c => c.Id == connectionId)
            ? Remove(c => c.Id == connectionId)
            : Task.CompletedTask;

    public async Task<LiveBeat> Heartbeat(string node, TimeSpan lease, ILiveObserver? observer, string? silo)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        var now = time.GetUtcNow();
        var silent = N.Nodes.Where(n => n.Key != node && now - n.Value > lease).Select(n => n.Key).ToHashSet(StringComparer.Ordinal);
        var known = N.Nodes.ContainsKey(node) || P.Present.Values.Any(p => p.Connections.Any(c => c.Node == node));
        if (!known && N.Swept.Contains(node))
        {
            return new LiveBeat(false, await GetLastEventSequenceAsync());
        }

        var beats = N.Nodes.Where(n => !silent.Contains(n.Key)).ToDictionary();
        beats[node] = now;
        var swept = silent.Count == 0 ? N.Swept : [.. silent, .. N.Swept.Where(s => !silent.Contains(s)).Take(SweptKept - silent.Count)];

        // A silent node's observer goes with it: nothing more is pushed to a node that died.
        var watchers = Watching(N.Watchers.Where(w => beats.ContainsKey(w.Key)).ToDictionary(), node, observer, silo);
        await WriteNodes(N with { Nodes = beats, Swept = swept, Watchers = watchers });

        // Connections of silent nodes are gone with them: presence forgets them as if each had left (also
        // those of a node swept earlier whose removal did not get written).
        if (P.Present.Values.Any(p => p.Connections.Any(c => c.Node != node && !beats.ContainsKey(c.Node))))
        {
            await Remove(c => c.Node != node && !beats.ContainsKey(c.Node));
        }

        return new LiveBeat(true, await GetLastEventSequenceAsync());
    }

    /// <summary>
    /// Takes the matching connections out of presence; people left with none go off the queue and the
    /// floor first (so the record says why) and are announced as gone.
    /// </summary>
    private async Task Remove(Func<PresentConnection, bool> gone)
    {
        var present = new Dictionary<Guid, PresentEntry>(P.Present);
        var left = new List<Guid>();
        foreach (var (personId, entry) in P.Present)
        {
            if (!entry.Connections.Any(gone))
            {
                continue;
            }

            var remaining = entry.Connections.Where(c => !gone(c)).ToList();
            if (remaining.Count > 0)
            {
                present[personId] = entry with { Connections = remaining };
            }
            else
            {
                present.Remove(personId);
                left.Add(personId);
            }
        }

        var events = new List<LiveEvent>();
        var next = S;
        foreach (var personId in left)
        {
            if (next.Queue.Any(h => h.PersonId == personId))
            {
                next = next with { Queue = [.. next.Queue.Where(h => h.PersonId != personId)] };
                events.Add(new HandLowered(personId));
            }

            if (next.Floor?.PersonId == personId)
            {
                next = EndFloor(next, events);
            }

            next = Leave(next, personId);
        }

        if (!ReferenceEquals(next, S))
        {
            await Commit(next, [.. events]);
        }

        await CommitPresence(
            P with { Present = present },
            [.. left.Select(personId => new PersonLeft(personId))]);
    }
}
