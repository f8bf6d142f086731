using CoProduce.Journal.State;
using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Representation;

/// <summary>
/// A project's representation: its facilitators set the targets; the aggregates and gaps come from a published
/// snapshot of the contributors who consented to be counted here. On each read the snapshot is compared with
/// who is counted now, and a new one is published only when at least the threshold of people joined, left or
/// changed what they said: so nobody, not even a reader who chooses when to read and whom to add, can see one
/// person's answer as the difference between two published figures.
/// </summary>
[GrainType("projectrepresentation")]
public sealed class ProjectRepresentationGrain(
    [JournaledState("representation")] IJournaledState<ProjectRepresentationState> state,
    TimeProvider time) : JournaledGrain, IProjectRepresentationGrain
{
    private const int MaxTargets = 50;
    private const int MaxMinimum = 1000;

    private ProjectRepresentationState S => state.State;

    private Guid ProjectId => this.GetPrimaryKey();

    public async Task<Versioned<RepresentationTargets>> Targets(Actor actor)
    {
        await GrainFactory.EnsureCanSee(actor, ProjectId);
        return Current();
    }

    public async Task<Versioned<RepresentationTargets>> SetTargets(Actor actor, IReadOnlyList<RepresentationTarget> targets, long? expectedVersion)
    {
        var access = await GrainFactory.EnsureCanSee(actor, ProjectId);
        if (!access.CanFacilitate)
        {
            throw DomainException.Forbidden("Only the project's facilitators set its target representation.");
        }

        if (S.Version > 0 && expectedVersion != S.Version)
        {
            throw expectedVersion is null
                ? DomainException.Invalid("If-Match", "Targets are set: send If-Match with their ETag so no edit is lost.")
                : DomainException.Stale(S.Version);
        }

        var clean = new List<RepresentationTarget>();
        foreach (var target in targets ?? [])
        {
            clean.Add(await Check(target));
        }

        if (clean.Count > MaxTargets)
        {
            throw DomainException.Invalid("targets", $"targets may have at most {MaxTargets} entries.");
        }

        RaiseEvent(new RepresentationTargetsSet(ProjectId, clean.Count, actor.PersonId, actor.SupportedBy));
        state.State = S with { Targets = clean, SetBy = actor.PersonId, SetAt = time.GetUtcNow(), Version = S.Version + 1 };
        await state.WriteStateAsync();
        return Current();
    }

    public async Task<RepresentationView> View(Actor actor)
    {
        var access = await GrainFactory.EnsureCanSee(actor, ProjectId);
        if (!access.CanFacilitate)
        {
            throw DomainException.Forbidden("Only the project's facilitators see its representation.");
        }

        var project = (await GrainFactory.GetGrain<IProjectGrain>(ProjectId).Get(actor)).Value;
        var speaking = await Task.WhenAll(project.Participants.Select(p => GrainFactory.GetGrain<ISpeaksForGrain>(p.PersonId).Peek()));
        List<Voice> voices = [.. project.Participants.Zip(speaking)
            .Where(v => v.Second.InTheirWords is not null || v.Second.Groups.Count > 0)
            .Select(v => new Voice(v.First.PersonId, v.First.DisplayName, v.First.Role, v.Second.InTheirWords, v.Second.Groups))];
        return new RepresentationView(await Published(), voices);
    }

    public async Task<RepresentationSummary> Summary() => await Published();

    /// <summary>The published snapshot, publishing a new one first when at least the threshold of people changed.</summary>
    private async Task<RepresentationSummary> Published()
    {
        var members = await GrainFactory.GetGrain<IProjectGrain>(ProjectId).Members();
        var counted = await Task.WhenAll(members
            .Where(m => m.Role == ProjectRole.Contributor && m.Consent.CountInAggregates)
            .Select(m => Count(m.PersonId)));
        var changed = RepresentationCount.Changes(S.Published?.Stamps ?? [], counted);
        if (changed >= Suppression.Threshold)
        {
            var release = (S.Published?.Release ?? 0) + 1;
            RaiseEvent(new RepresentationPublished(ProjectId, release, counted.Length, changed));
            state.State = S with { Published = RepresentationCount.Snapshot(counted, release, time.GetUtcNow()) };
            await state.WriteStateAsync();
        }

        var names = new Dictionary<Guid, string>();
        foreach (var group in S.Targets.Select(t => t.Group).OfType<GroupRef>())
        {
            if (await GrainFactory.GetGrain<INetworkGroupsGrain>(group.NetworkId).NameOf(group.GroupId) is { } name)
            {
                names[group.GroupId] = name;
            }
        }

        return RepresentationCount.Summarise(ProjectId, S.Published, S.Targets, names);
    }

    private async Task<RepresentationCount.Counted> Count(Guid personId)
    {
        var answers = await GrainFactory.GetGrain<IDiversityGrain>(personId).ForAggregate();
        var speaksFor = GrainFactory.GetGrain<ISpeaksForGrain>(personId);
        var groups = (await speaksFor.Peek()).Groups;
        var stamp = $"{answers.GivenAt?.UtcTicks ?? 0}/{await speaksFor.Revision()}";
        return new RepresentationCount.Counted(personId, answers.Answers, groups, stamp);
    }

    private async Task<RepresentationTarget> Check(RepresentationTarget target)
    {
        if (target is null || target.Minimum is < 1 or > MaxMinimum)
        {
            throw DomainException.Invalid("targets", $"Each target needs a minimum between 1 and {MaxMinimum}.");
        }

        if (target.Group is { } group)
        {
            if (target.Characteristic is not null || target.Value is not null)
            {
                throw DomainException.Invalid("targets", "A target is either a group or a characteristic with a value, not both.");
            }

            return await GrainFactory.GetGrain<INetworkGroupsGrain>(group.NetworkId).NameOf(group.GroupId) is null
                ? throw DomainException.Invalid("targets", "A group target must name a group its network lists.")
                : target;
        }

        if (target.Characteristic is not { } characteristic || !Enum.IsDefined(characteristic))
        {
            throw DomainException.Invalid("targets", "A target names a network's group, or a known characteristic and a value.");
        }

        // A smaller target could never be reported without revealing a group of fewer than the threshold.
        if (target.Minimum < Suppression.Threshold)
        {
            throw DomainException.Invalid("targets", $"A target for self-described data is at least {Suppression.Threshold} people: smaller groups are never reported.");
        }

        return target with { Value = Text.Required(target.Value, "targets", 100) };
    }

    private Versioned<RepresentationTargets> Current() => new(new RepresentationTargets(ProjectId, S.Targets, S.SetBy, S.SetAt), S.Version);
}
