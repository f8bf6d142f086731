using CoProduce.Grains.Common;
using CoProduce.Grains.Organisations;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Tests.Cluster;

/// <summary>
/// An organisation and one of its projects, made through the grains as the gateway's APIs make them: the admin who
/// created both facilitates the project; contributors join as people do, by accepting a facilitator's request, and
/// the organisation's admin names its facilitating staff, who take part in every project of the organisation.
/// </summary>
internal sealed record TestProject(Guid OrganisationId, Guid ProjectId, Guid Facilitator)
{
    public Actor AsFacilitator => new(Facilitator);

    public static async Task<TestProject> Create(IGrainFactory grains)
    {
        var project = new TestProject(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await grains.GetGrain<IOrganisationGrain>(project.OrganisationId)
            .Create(project.AsFacilitator, "Northshire County Council", OrganisationKind.LocalAuthority, "Priya");
        await grains.GetGrain<IProjectGrain>(project.ProjectId)
            .Create(project.AsFacilitator, project.OrganisationId, null, "Day services review", null);
        return project;
    }

    /// <summary>
    /// <paramref name="count"/> new contributors, each asked by the facilitator and accepting as themselves. People join
    /// side by side (at most as many at once as a project may have open requests), through whichever silo is given.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> AddContributors(IReadOnlyList<IGrainFactory> silos, int count)
    {
        var people = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        await Parallel.ForEachAsync(
            people.Select((person, i) => (person, grains: silos[i % silos.Count])),
            new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (joining, _) =>
            {
                var project = joining.grains.GetGrain<IProjectGrain>(ProjectId);
                await project.RequestParticipation(AsFacilitator, joining.person, ProjectRole.Contributor);
                await project.AcceptParticipation(new Actor(joining.person), ParticipationConsent.None);
            });
        return people;
    }

    /// <summary>
    /// <paramref name="count"/> new members of the organisation's staff who facilitate, and so may vote and rank in its
    /// projects. Cheaper to set up by the thousand than contributors: a project answers each accepted request with its
    /// whole view, one profile read per participant.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> AddFacilitatingStaff(IReadOnlyList<IGrainFactory> silos, int count)
    {
        var people = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        HashSet<OrganisationRole> facilitator = [OrganisationRole.Facilitator];
        await Task.WhenAll(people.Select((person, i) => silos[i % silos.Count].GetGrain<IOrganisationGrain>(OrganisationId)
            .SetMember(AsFacilitator, person, $"Staff {i}", facilitator)));
        return people;
    }
}
