using CoProduce.Grains.Common;
using CoProduce.Grains.Organisations;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Tests.Cluster;

/// <summary>
/// An organisation and one of its projects, made through the grains as the gateway's APIs make them: the admin who
/// created both facilitates the project. The organisation's facilitating staff (<see cref="Staff"/>) take part in every
/// project of the organisation; contributors join as people do, by accepting a facilitator's request.
/// </summary>
internal sealed record TestProject(Guid OrganisationId, Guid ProjectId, Guid Facilitator, IReadOnlyList<Guid> Staff)
{
    public Actor AsFacilitator => new(Facilitator);

    /// <summary>
    /// The organisation with <paramref name="staff"/> new facilitating staff, named through the silos in turn, then the
    /// project. By the thousand, staff are cheaper to set up than contributors (a project answers each accepted request
    /// with its whole view, one profile read per participant), and naming them before the project exists spares a
    /// notice to the project for each.
    /// </summary>
    public static async Task<TestProject> Create(IReadOnlyList<IGrainFactory> silos, int staff = 0)
    {
        var project = new TestProject(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), [.. Enumerable.Range(0, staff).Select(_ => Guid.NewGuid())]);
        var organisation = silos[0].GetGrain<IOrganisationGrain>(project.OrganisationId);
        await organisation.Create(project.AsFacilitator, "Northshire County Council", OrganisationKind.LocalAuthority, "Priya");
        HashSet<OrganisationRole> facilitator = [OrganisationRole.Facilitator];
        await Task.WhenAll(project.Staff.Select((person, i) => silos[i % silos.Count].GetGrain<IOrganisationGrain>(project.OrganisationId)
            .SetMember(project.AsFacilitator, person, $"Staff {i}", facilitator)));
        await silos[0].GetGrain<IProjectGrain>(project.ProjectId)
            .Create(project.AsFacilitator, project.OrganisationId, null, "Day services review", null);
        return project;
    }

    /// <summary>
    /// <paramref name="count"/> new contributors, each asked by the facilitator and accepting as themselves, side by side
    /// through the silos in turn.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> AddContributors(IReadOnlyList<IGrainFactory> silos, int count)
    {
        var people = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        await Task.WhenAll(people.Select(async (person, i) =>
        {
            var project = silos[i % silos.Count].GetGrain<IProjectGrain>(ProjectId);
            await project.RequestParticipation(AsFacilitator, person, ProjectRole.Contributor);
            await project.AcceptParticipation(new Actor(person), ParticipationConsent.None);
        }));
        return people;
    }
}
