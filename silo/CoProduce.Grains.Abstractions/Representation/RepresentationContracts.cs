using CoProduce.Grains.Common;

namespace CoProduce.Grains.Representation;

/// <summary>A group or community a network names, so that people can say they speak for it in the same words.</summary>
[GenerateSerializer, Alias("coproduce.representation.NetworkGroup"), Immutable]
public sealed record NetworkGroup(Guid Id, string Name);

/// <summary>A network's list of groups and communities.</summary>
[GenerateSerializer, Alias("coproduce.representation.NetworkGroups")]
public sealed record NetworkGroups(Guid NetworkId, IReadOnlyList<NetworkGroup> Groups);

/// <summary>A group someone speaks for: one of a network's groups.</summary>
[GenerateSerializer, Alias("coproduce.representation.GroupRef"), Immutable]
public sealed record GroupRef(Guid NetworkId, Guid GroupId);

/// <summary>A group someone speaks for, with its name.</summary>
[GenerateSerializer, Alias("coproduce.representation.NamedGroup"), Immutable]
public sealed record NamedGroup(Guid NetworkId, Guid GroupId, string Name);

/// <summary>
/// Who a person speaks for, in their own words and from their networks' lists; <see cref="SupportedBy"/> names the
/// supporter who last set it with them, if one did.
/// </summary>
[GenerateSerializer, Alias("coproduce.representation.SpeaksFor")]
public sealed record SpeaksFor(Guid PersonId, string? InTheirWords, IReadOnlyList<NamedGroup> Groups, Guid? SupportedBy = null);

/// <summary>The groups and communities of a network, keyed by the network's id; its coordinators keep the list.</summary>
[Alias("coproduce.representation.INetworkGroupsGrain")]
public interface INetworkGroupsGrain : IGrainWithGuidKey
{
    /// <summary>The list, for the network's coordinators and its member organisations' staff, or anyone who speaks for one of its groups.</summary>
    [ReadOnly]
    Task<Versioned<NetworkGroups>> Get(Actor actor);

    /// <summary>Adds a group (coordinators); a name already listed (ignoring case) is 409.</summary>
    Task<Versioned<NetworkGroups>> Add(Actor actor, string name);

    /// <summary>The group's name, or null when the network does not list it.</summary>
    [ReadOnly]
    Task<string?> NameOf(Guid groupId);
}

/// <summary>Who a person speaks for, keyed by the person's id; the person (or their supporter) says it.</summary>
[Alias("coproduce.representation.ISpeaksForGrain")]
public interface ISpeaksForGrain : IGrainWithGuidKey
{
    /// <summary>The person's own statement.</summary>
    [ReadOnly]
    Task<Versioned<SpeaksFor>> Get(Actor actor);

    /// <summary>Replaces the statement; groups must be listed by their networks. Empty words and no groups clears it.</summary>
    Task<Versioned<SpeaksFor>> Set(Actor actor, string? inTheirWords, IReadOnlyList<GroupRef> groups);

    /// <summary>The statement for a project's representation view; the caller has already been let in.</summary>
    [ReadOnly]
    Task<SpeaksFor> Peek();

    /// <summary>A number that changes whenever the statement does (for telling whether a published aggregate is out of date).</summary>
    [ReadOnly]
    Task<long> Revision();
}

/// <summary>Characteristics people may describe themselves by; every one is optional.</summary>
[GenerateSerializer, Alias("coproduce.representation.DiversityCharacteristic")]
public enum DiversityCharacteristic
{
    AgeGroup,
    Gender,
    TransHistory,
    SexualOrientation,
    Ethnicity,
    Religion,
    Disability,
    LongTermCondition,
    CaringRole,
    FirstLanguage,
}

/// <summary>One self-described answer, in the person's own words (compared ignoring case and spacing).</summary>
[GenerateSerializer, Alias("coproduce.representation.DiversityAnswer"), Immutable]
public sealed record DiversityAnswer(DiversityCharacteristic Characteristic, string Value);

/// <summary>Answers for aggregates only, and when they were given (null when none are), so a change can be noticed without comparing values.</summary>
[GenerateSerializer, Alias("coproduce.representation.CountableAnswers")]
public sealed record CountableAnswers(IReadOnlyList<DiversityAnswer> Answers, DateTimeOffset? GivenAt);

/// <summary>The person's diversity data and when they consented to give it; supportedBy names the supporter who proposed it, when the person confirmed a supporter's change.</summary>
[GenerateSerializer, Alias("coproduce.representation.DiversityData")]
public sealed record DiversityData(Guid PersonId, IReadOnlyList<DiversityAnswer> Answers, DateTimeOffset ConsentedAt, Guid? SupportedBy);

/// <summary>
/// A supporter's change to a person's diversity data, waiting for the person: new answers, or (answers null)
/// withdrawing consent, which deletes the data. Nothing changes, and no aggregate counts it, until the person,
/// signed in as themselves, confirms it; the data then names the supporter.
/// </summary>
[GenerateSerializer, Alias("coproduce.representation.PendingDiversityChange")]
public sealed record PendingDiversityChange(Guid Id, IReadOnlyList<DiversityAnswer>? Answers, Guid ProposedBy, DateTimeOffset ProposedAt) : IPendingChange;

/// <summary>The person's diversity data (null when they have given none) and supporters' changes waiting for them, oldest first.</summary>
[GenerateSerializer, Alias("coproduce.representation.DiversityChoices")]
public sealed record DiversityChoices(Guid PersonId, DiversityData? Data, IReadOnlyList<PendingDiversityChange> Pending);

/// <summary>
/// A person's optional, self-described diversity data, keyed by the person's id. It is given only with
/// explicit consent, seen only by the person (and a supporter acting with them), used only in aggregates of at least
/// five people, and deleted (not hidden) when consent is withdrawn. The journal records that data was given or
/// deleted, or a change proposed, never what it was. A supporter's change waits for the person to confirm it.
/// </summary>
[Alias("coproduce.representation.IDiversityGrain")]
public interface IDiversityGrain : IGrainWithGuidKey
{
    /// <summary>The person's own data; 404 when they have given none.</summary>
    [ReadOnly]
    Task<DiversityData> Get(Actor actor);

    /// <summary>The person's data, if any, and supporters' changes waiting for them.</summary>
    [ReadOnly]
    Task<DiversityChoices> Choices(Actor actor);

    /// <summary>
    /// Gives or replaces the data; <paramref name="consent"/> must be true. A supporter acting with the person only
    /// proposes it: it waits in <see cref="DiversityChoices.Pending"/> until the person confirms it.
    /// </summary>
    Task<DiversityChoices> Give(Actor actor, bool consent, IReadOnlyList<DiversityAnswer> answers);

    /// <summary>
    /// Withdraws consent and deletes the data, with any changes waiting. A supporter acting with the person only
    /// proposes it (when there is data to delete): it waits in <see cref="DiversityChoices.Pending"/> until the person confirms it.
    /// </summary>
    Task<DiversityChoices> Withdraw(Actor actor);

    /// <summary>The person (never a supporter) confirms a supporter's pending change; it then applies, naming the supporter.</summary>
    Task<DiversityChoices> ConfirmChange(Actor actor, Guid changeId);

    /// <summary>The person (or the supporter who proposed it, withdrawing it) rejects a pending change; nothing changes.</summary>
    Task<DiversityChoices> RejectChange(Actor actor, Guid changeId);

    /// <summary>The answers for aggregates only; empty without consent. Never shown per person.</summary>
    [ReadOnly]
    Task<CountableAnswers> ForAggregate();
}
