using CoProduce.Grains.Networks;
using CoProduce.Grains.Organisations;
using CoProduce.Grains.Payments;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Common;

/// <summary>
/// The one acting-with policy. A supporter acting with a person (<see cref="Actor.SupportedBy"/>) takes part as
/// that person in their own participation: their votes, proposals, answers, claims and profile. The roles the
/// person holds for others never pass to the supporter: organisation staff, admin and finance, network
/// coordination, a payer's approval, and facilitating a project. Every role lookup for an actor goes through
/// these overloads, so a grain that asks "may this actor administer, approve or facilitate" gets "no" while a
/// supporter acts.
/// </summary>
public static class ActingWith
{
    /// <summary>Whether a supporter is acting with the person.</summary>
    public static bool IsActingWith(this Actor actor) => actor.SupportedBy is not null;

    /// <summary>The actor's roles at the organisation; none while a supporter acts with them.</summary>
    public static async Task<IReadOnlySet<OrganisationRole>> RolesOf(this IOrganisationGrain organisation, Actor actor) =>
        actor.IsActingWith() ? new HashSet<OrganisationRole>() : await organisation.RolesOf(actor.PersonId);

    /// <summary>Whether the actor coordinates the network; never while a supporter acts with them.</summary>
    public static async Task<bool> IsCoordinator(this INetworkGrain network, Actor actor) =>
        !actor.IsActingWith() && await network.IsCoordinator(actor.PersonId);

    /// <summary>How the actor stands with a payer; with no standing at all while a supporter acts with them.</summary>
    public static async Task<PayerAccess> AccessOf(this IPayerGrain payer, Actor actor) =>
        actor.IsActingWith() ? new PayerAccess(false, false, false, false) : await payer.AccessOf(actor.PersonId);

    /// <summary>
    /// How the actor stands with a project. While a supporter acts with them, only their participation counts: the
    /// project role they hold (to see it, propose, vote, claim) without staff roles or the power to facilitate.
    /// </summary>
    public static async Task<ProjectAccess> AccessOf(this IProjectGrain project, Actor actor)
    {
        var access = await project.AccessOf(actor.PersonId);
        return actor.IsActingWith()
            ? new ProjectAccess(access.Exists, access.Role, false, false, false, access.DisplayName, ActingWith: true)
            : access;
    }
}
