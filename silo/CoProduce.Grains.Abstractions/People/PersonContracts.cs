using CoProduce.Grains.Common;
using CoProduce.Runtime.Grains;

namespace CoProduce.Grains.People;

/// <summary>Ways a person may want information and meetings adapted.</summary>
public enum CommunicationPreference
{
    EasyRead,
    BritishSignLanguage,
    LargePrint,
    Interpreter,
    Breaks,
    SlowerPace,
    Captions,
    HearingLoop,
    Other,
}

/// <summary>How a person likes to be contacted.</summary>
public enum ContactChannel
{
    Email,
    Phone,
    Text,
    Post,
    ThroughSupporter,
}

/// <summary>Where a consent applies: one organisation, or one network (and all its member organisations' staff in network work).</summary>
public enum ConsentScopeKind
{
    Organisation,
    Network,
}

public sealed record ConsentScope(ConsentScopeKind Kind, Guid Id);

/// <summary>The "tell us once" profile, owned by the person.</summary>
public sealed record PersonProfile
{
    public required string Name { get; init; }

    public string? PreferredName { get; init; }

    public string? Pronouns { get; init; }

    public IReadOnlyList<ContactChannel> ContactChannels { get; init; } = [];

    public string? ContactDetails { get; init; }

    public IReadOnlyList<CommunicationPreference> CommunicationPreferences { get; init; } = [];

    /// <summary>Access needs in the person's own words.</summary>
    public string? AccessNeeds { get; init; }

    /// <summary>Whether the person draws on care and support, or cares unpaid (lived experience).</summary>
    public bool LivedExperience { get; init; }
}

/// <summary>A supporter or advocate the person has linked; they may act with the person.</summary>
public sealed record SupporterLink(Guid SupporterId, string Relationship, DateTimeOffset LinkedAt);

public sealed record ConsentRecord(ConsentScope Scope, DateTimeOffset GrantedAt);

/// <summary>What a project shows of a participant from their profile as it is now: the name they go by, and whether they have lived experience.</summary>
public sealed record PersonCard(string? DisplayName, bool LivedExperience);

/// <summary>What the person (or their supporter) sees of themselves.</summary>
public sealed record OwnProfileView(
    Guid Id,
    PersonProfile Profile,
    IReadOnlyList<SupporterLink> Supporters,
    IReadOnlyList<ConsentRecord> Consents,
    IReadOnlyList<Guid> Projects,
    IReadOnlyList<Guid> Organisations,
    IReadOnlyList<Guid> Networks);

/// <summary>One person across every organisation: one profile, told once, shared only with consent.</summary>
public interface IPersonGrain : IGrainWithGuidKey
{
    /// <summary>Creates or replaces the profile (the person, or a supporter acting with them). Optimistic on version.</summary>
    Task<Versioned<OwnProfileView>> SaveProfile(Actor actor, PersonProfile profile, long? expectedVersion);

    /// <summary>The person's own view (the person or a linked supporter only).</summary>
    Task<Versioned<OwnProfileView>> GetOwn(Actor actor);

    /// <summary>The profile as an organisation or network sees it: only with consent for that scope, else 404.</summary>
    [ReadOnly]
    Task<PersonProfile> GetShared(ConsentScope scope);

    [ReadOnly]
    Task<bool> HasConsented(ConsentScope scope);

    /// <summary>Whether the profile exists (someone signed in or was invited as this person).</summary>
    [ReadOnly]
    Task<bool> Exists();

    [ReadOnly]
    Task<string?> DisplayName();

    [ReadOnly]
    Task<bool> LivedExperience();

    /// <summary>The name the person goes by and their lived-experience answer, read afresh; the project decides who may see the answer.</summary>
    [ReadOnly]
    Task<PersonCard> Card();

    Task<OwnProfileView> GrantConsent(Actor actor, ConsentScope scope);

    Task<OwnProfileView> WithdrawConsent(Actor actor, ConsentScope scope);

    /// <summary>Links a supporter or advocate (the person themselves only, not a supporter).</summary>
    Task<OwnProfileView> LinkSupporter(Actor actor, Guid supporterId, string relationship);

    Task<OwnProfileView> UnlinkSupporter(Actor actor, Guid supporterId);

    [ReadOnly]
    Task<bool> IsSupportedBy(Guid supporterId);

    /// <summary>Index of where the person takes part, kept by the grains that add them.</summary>
    Task Joined(ConsentScopeKind? kind, Guid id, bool isProject);

    /// <summary>Index of the projects that asked the person to take part, kept by the project grain while the request is open.</summary>
    Task ParticipationRequested(Guid projectId, bool open);

    /// <summary>The projects whose requests to take part are open (the person or a linked supporter only).</summary>
    [ReadOnly]
    Task<IReadOnlyList<Guid>> ParticipationRequests(Actor actor);
}
