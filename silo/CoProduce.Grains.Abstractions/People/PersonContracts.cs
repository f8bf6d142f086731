using CoProduce.Grains.Common;

namespace CoProduce.Grains.People;

/// <summary>Ways a person may want information and meetings adapted.</summary>
[GenerateSerializer, Alias("coproduce.people.CommunicationPreference")]
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
[GenerateSerializer, Alias("coproduce.people.ContactChannel")]
public enum ContactChannel
{
    Email,
    Phone,
    Text,
    Post,
    ThroughSupporter,
}

/// <summary>Where a consent applies: one organisation, or one network (and all its member organisations' staff in network work).</summary>
[GenerateSerializer, Alias("coproduce.people.ConsentScopeKind")]
public enum ConsentScopeKind
{
    Organisation,
    Network,
}

[GenerateSerializer, Alias("coproduce.people.ConsentScope"), Immutable]
public sealed record ConsentScope(ConsentScopeKind Kind, Guid Id);

/// <summary>The "tell us once" profile, owned by the person.</summary>
[GenerateSerializer, Alias("coproduce.people.PersonProfile")]
public sealed record PersonProfile
{
    [Id(0)]
    public required string Name { get; init; }

    [Id(1)]
    public string? PreferredName { get; init; }

    [Id(2)]
    public string? Pronouns { get; init; }

    [Id(3)]
    public IReadOnlyList<ContactChannel> ContactChannels { get; init; } = [];

    [Id(4)]
    public string? ContactDetails { get; init; }

    [Id(5)]
    public IReadOnlyList<CommunicationPreference> CommunicationPreferences { get; init; } = [];

    /// <summary>Access needs in the person's own words.</summary>
    [Id(6)]
    public string? AccessNeeds { get; init; }

    /// <summary>Whether the person draws on care and support, or cares unpaid (lived experience).</summary>
    [Id(7)]
    public bool LivedExperience { get; init; }
}

/// <summary>A supporter or advocate the person has linked; they may act with the person.</summary>
[GenerateSerializer, Alias("coproduce.people.SupporterLink"), Immutable]
public sealed record SupporterLink(Guid SupporterId, string Relationship, DateTimeOffset LinkedAt);

/// <summary>A consent the person holds; <see cref="SupportedBy"/> names the supporter who proposed it, if one did.</summary>
[GenerateSerializer, Alias("coproduce.people.ConsentRecord"), Immutable]
public sealed record ConsentRecord(ConsentScope Scope, DateTimeOffset GrantedAt, Guid? SupportedBy = null);

/// <summary>What a project shows of a participant from their profile as it is now: the name they go by, and whether they have lived experience.</summary>
[GenerateSerializer, Alias("coproduce.people.PersonCard"), Immutable]
public sealed record PersonCard(string? DisplayName, bool LivedExperience);

/// <summary>
/// A consent a supporter proposed to give (<see cref="Grant"/>) or withdraw while acting with the person. It changes
/// nothing until the person confirms it, and names the supporter.
/// </summary>
[GenerateSerializer, Alias("coproduce.people.PendingConsentChange"), Immutable]
public sealed record PendingConsentChange(Guid Id, ConsentScope Scope, bool Grant, Guid ProposedBy, DateTimeOffset ProposedAt) : IPendingChange;

/// <summary>
/// What the person (or their supporter) sees of themselves: with supporters' consent changes waiting for them
/// (<see cref="PendingConsents"/>) and the supporter who last saved the profile with them, if one did
/// (<see cref="ProfileSupportedBy"/>).
/// </summary>
[GenerateSerializer, Alias("coproduce.people.OwnProfileView")]
public sealed record OwnProfileView(
    Guid Id,
    PersonProfile Profile,
    IReadOnlyList<SupporterLink> Supporters,
    IReadOnlyList<ConsentRecord> Consents,
    IReadOnlyList<Guid> Projects,
    IReadOnlyList<Guid> Organisations,
    IReadOnlyList<Guid> Networks,
    IReadOnlyList<PendingConsentChange> PendingConsents,
    Guid? ProfileSupportedBy);

/// <summary>One person across every organisation: one profile, told once, shared only with consent.</summary>
[Alias("coproduce.people.IPersonGrain")]
public interface IPersonGrain : IGrainWithGuidKey
{
    /// <summary>Creates or replaces the profile (the person, or a supporter acting with them). Optimistic on version.</summary>
    Task<Versioned<OwnProfileView>> SaveProfile(Actor actor, PersonProfile profile, long? expectedVersion);

    /// <summary>
    /// Gives a person who redeems an invitation and has no profile yet one holding the invitation's name; their own
    /// first save then replaces it without If-Match. Does nothing when a profile exists.
    /// </summary>
    Task StartInvitedProfile(string name);

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

    /// <summary>Gives a consent (the person); a supporter acting with them only proposes it, and it waits for the person.</summary>
    Task<OwnProfileView> GrantConsent(Actor actor, ConsentScope scope);

    /// <summary>Withdraws a consent (the person); a supporter acting with them only proposes it, and it waits for the person.</summary>
    Task<OwnProfileView> WithdrawConsent(Actor actor, ConsentScope scope);

    /// <summary>The person (never a supporter) confirms a supporter's pending consent change; it then applies, naming them.</summary>
    Task<OwnProfileView> ConfirmConsentChange(Actor actor, Guid changeId);

    /// <summary>The person (or the supporter who proposed it, withdrawing it) rejects a pending consent change.</summary>
    Task<OwnProfileView> RejectConsentChange(Actor actor, Guid changeId);

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
