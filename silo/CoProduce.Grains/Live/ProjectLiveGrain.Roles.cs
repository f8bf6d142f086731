using CoProduce.Grains.Projects;
using CoProduce.Live;

namespace CoProduce.Grains.Live;

public sealed partial class ProjectLiveGrain
{
    public async Task ParticipantChanged(Guid personId, ProjectAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        var role = LiveRoles.Of(access);
        var supportable = access is { Exists: true, Role: ProjectRole.Contributor };
        // Those who may no longer be here: the person removed, and supporters acting with someone who is no
        // longer a contributor (a supporter is admitted only with a contributor of the project).
        var removed = P.Present
            .Where(p => (p.Key == personId && p.Value.Person.Role != LiveRole.Supporter && role is null)
                || (p.Value.Person.With == personId && !supportable))
            .Select(p => p.Key)
            .ToList();
        if (removed.Count > 0)
        {
            var connections = removed.SelectMany(p => P.Present[p].Connections.Select(c => c.Id)).ToHashSet(StringComparer.Ordinal);

            // Announced first, so every gateway drops their connections before anything else reaches them.
            foreach (var gone in removed)
            {
                RaiseEvent(new LiveRecorded(new PersonRemoved(gone)));
            }

            await Remove(c => connections.Contains(c.Id));
        }

        if (role is { } now && P.Present.TryGetValue(personId, out var entry) && entry.Person.Role is not LiveRole.Supporter && entry.Person.Role != now)
        {
            await CommitPresence(
                P with { Present = With(P.Present, personId, entry with { Person = entry.Person with { Role = now } }) },
                new PersonRoleChanged(personId, now));
        }
    }
}
