using CoProduce.Grains.Common;

namespace CoProduce.Grains.Organisations;

/// <summary>The kinds of organisation that take part.</summary>
[GenerateSerializer, Alias("coproduce.organisations.OrganisationKind")]
public enum OrganisationKind
{
    LocalAuthority,
    NhsTrust,
    Charity,
    UserLedOrganisation,
    Other,
}

/// <summary>Staff roles within an organisation.</summary>
[GenerateSerializer, Alias("coproduce.organisations.OrganisationRole")]
public enum OrganisationRole
{
    Admin,
    Facilitator,
    Finance,
}

[GenerateSerializer, Alias("coproduce.organisations.OrganisationMember")]
public sealed record OrganisationMember(Guid PersonId, string DisplayName, IReadOnlySet<OrganisationRole> Roles);

[GenerateSerializer, Alias("coproduce.organisations.OrganisationView")]
public sealed record OrganisationView(
    Guid Id,
    string Name,
    OrganisationKind Kind,
    IReadOnlyList<OrganisationMember> Members,
    IReadOnlyList<Guid> Networks,
    IReadOnlyList<Guid> Projects);

/// <summary>What an organisation sets once for all its projects.</summary>
/// <param name="FeedbackOverdueAfterDays">Days (1-365) after a decision closes before its "you said, we did" feedback is overdue.</param>
[GenerateSerializer, Alias("coproduce.organisations.OrganisationSettings"), Immutable]
public sealed record OrganisationSettings(int FeedbackOverdueAfterDays)
{
    public const int DefaultFeedbackOverdueAfterDays = 28;
    public const int MaxFeedbackOverdueAfterDays = 365;

    public static OrganisationSettings Default { get; } = new(DefaultFeedbackOverdueAfterDays);
}

/// <summary>An organisation: a local authority, NHS trust, charity or user-led organisation, and its staff roles.</summary>
[Alias("coproduce.organisations.IOrganisationGrain")]
public interface IOrganisationGrain : IGrainWithGuidKey
{
    /// <summary>Creates the organisation; the creator becomes its first admin.</summary>
    Task<OrganisationView> Create(Actor actor, string name, OrganisationKind kind, string creatorDisplayName);

    /// <summary>The organisation as a member of it sees it; 404 for anyone else.</summary>
    Task<Versioned<OrganisationView>> Get(Actor actor);

    /// <summary>Gives a person staff roles here (admins only); an empty set removes them.</summary>
    Task<OrganisationView> SetMember(Actor actor, Guid personId, string displayName, IReadOnlySet<OrganisationRole> roles);

    /// <summary>The organisation's name with no access check (a request to take part names it); null when it does not exist.</summary>
    [ReadOnly]
    Task<string?> Name();

    /// <summary>The person's roles here; empty when none (and when the organisation does not exist).</summary>
    [ReadOnly]
    Task<IReadOnlySet<OrganisationRole>> RolesOf(Guid personId);

    /// <summary>The organisation's settings, for its staff; 404 for anyone else.</summary>
    [ReadOnly]
    Task<Versioned<OrganisationSettings>> GetSettings(Actor actor);

    /// <summary>Replaces the settings (admins only), if still at <paramref name="expectedVersion"/> when one is given.</summary>
    Task<Versioned<OrganisationSettings>> SetSettings(Actor actor, OrganisationSettings settings, long? expectedVersion);

    /// <summary>The settings with no access check, for the grains that apply them; the defaults when the organisation does not exist.</summary>
    [ReadOnly]
    Task<OrganisationSettings> Settings();

    /// <summary>Records that the organisation joined a network (called by the network grain).</summary>
    Task JoinedNetwork(Guid networkId);

    /// <summary>Records a project the organisation runs (called by the project grain).</summary>
    Task ProjectAdded(Guid projectId);
}
