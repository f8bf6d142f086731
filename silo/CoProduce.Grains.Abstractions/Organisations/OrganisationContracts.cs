using CoProduce.Grains.Common;
using CoProduce.Runtime.Grains;

namespace CoProduce.Grains.Organisations;

/// <summary>The kinds of organisation that take part.</summary>
public enum OrganisationKind
{
    LocalAuthority,
    NhsTrust,
    Charity,
    UserLedOrganisation,
    Other,
}

/// <summary>Staff roles within an organisation.</summary>
public enum OrganisationRole
{
    Admin,
    Facilitator,
    Finance,
}

public sealed record OrganisationMember(Guid PersonId, string DisplayName, IReadOnlySet<OrganisationRole> Roles);

public sealed record OrganisationView(
    Guid Id,
    string Name,
    OrganisationKind Kind,
    IReadOnlyList<OrganisationMember> Members,
    IReadOnlyList<Guid> Networks,
    IReadOnlyList<Guid> Projects);

/// <summary>An organisation: a local authority, NHS trust, charity or user-led organisation, and its staff roles.</summary>
public interface IOrganisationGrain : IGrainWithGuidKey
{
    /// <summary>Creates the organisation; the creator becomes its first admin.</summary>
    Task<OrganisationView> Create(Actor actor, string name, OrganisationKind kind, string creatorDisplayName);

    /// <summary>The organisation as a member of it sees it; 404 for anyone else.</summary>
    Task<Versioned<OrganisationView>> Get(Actor actor);

    /// <summary>Gives a person staff roles here (admins only); an empty set removes them.</summary>
    Task<OrganisationView> SetMember(Actor actor, Guid personId, string displayName, IReadOnlySet<OrganisationRole> roles);

    /// <summary>The person's roles here; empty when none (and when the organisation does not exist).</summary>
    [ReadOnly]
    Task<IReadOnlySet<OrganisationRole>> RolesOf(Guid personId);

    /// <summary>Records that the organisation joined a network (called by the network grain).</summary>
    Task JoinedNetwork(Guid networkId);

    /// <summary>Records a project the organisation runs (called by the project grain).</summary>
    Task ProjectAdded(Guid projectId);
}
