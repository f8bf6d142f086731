using CoProduce.Grains.Common;

namespace CoProduce.Grains.Representation;

/// <summary>
/// One cell of an aggregate: how many contributors gave <see cref="Label"/>. <see cref="NotGiven"/>
/// marks the cell of those who gave no answer for the characteristic.
/// </summary>
[GenerateSerializer, Alias("coproduce.representation.AggregateCell"), Immutable]
public sealed record AggregateCell(string Label, int Count, bool NotGiven);

/// <summary>
/// How the contributors describe themselves on one characteristic. Only cells of at least the
/// threshold are shown; when any cell is hidden, enough others are hidden with it that no hidden
/// cell can be worked out from the total (<see cref="Suppressed"/> is then true).
/// </summary>
[GenerateSerializer, Alias("coproduce.representation.CharacteristicAggregate")]
public sealed record CharacteristicAggregate(DiversityCharacteristic Characteristic, IReadOnlyList<AggregateCell> Cells, bool Suppressed);

/// <summary>What a project aims for: at least <see cref="Minimum"/> contributors with a self-described value, or speaking for a network's group.</summary>
[GenerateSerializer, Alias("coproduce.representation.RepresentationTarget"), Immutable]
public sealed record RepresentationTarget(DiversityCharacteristic? Characteristic, string? Value, GroupRef? Group, int Minimum);

/// <summary>The project's targets as set by its facilitators.</summary>
[GenerateSerializer, Alias("coproduce.representation.RepresentationTargets")]
public sealed record RepresentationTargets(Guid ProjectId, IReadOnlyList<RepresentationTarget> Targets, Guid? SetBy, DateTimeOffset? SetAt);

/// <summary>
/// One target against who is there. For self-described data, <see cref="Met"/>, <see cref="Present"/>
/// and <see cref="Missing"/> are null when the aggregate hides the cell (fewer than the threshold, or
/// hidden to protect a smaller one): saying more would reveal it. <see cref="Missing"/> is how many more are needed.
/// </summary>
[GenerateSerializer, Alias("coproduce.representation.TargetGap"), Immutable]
public sealed record TargetGap(RepresentationTarget Target, string Label, bool? Met, int? Present, int? Missing);

/// <summary>A participant and who they say they speak for.</summary>
[GenerateSerializer, Alias("coproduce.representation.Voice")]
public sealed record Voice(Guid PersonId, string DisplayName, Projects.ProjectRole Role, string? InTheirWords, IReadOnlyList<NamedGroup> Groups);

/// <summary>
/// A project's representation as last published: the aggregates (suppressed below the threshold), the targets
/// and who is missing, for the power-balance report as well as for facilitators. Figures are a frozen snapshot
/// of the contributors who consented to be counted here; a new snapshot is published only once at least the
/// threshold of them have joined, left, or changed what they said, so no two published snapshots differ by
/// fewer people than that (see docs/recognition.md).
/// </summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Threshold">The smallest group ever reported, and the fewest changes between two snapshots (5).</param>
/// <param name="Contributors">How many contributors the snapshot counts: those who consented to be counted in this project.</param>
/// <param name="ContributorsGivingData">How many of them gave any diversity data; null when between 1 and the threshold less one.</param>
/// <param name="Aggregates">One table per characteristic, suppressed.</param>
/// <param name="Gaps">Each target against the snapshot.</param>
/// <param name="PublishedAt">When the snapshot was published; null while fewer than the threshold have consented to be counted.</param>
[GenerateSerializer, Alias("coproduce.representation.RepresentationSummary")]
public sealed record RepresentationSummary(
    Guid ProjectId,
    int Threshold,
    int Contributors,
    int? ContributorsGivingData,
    IReadOnlyList<CharacteristicAggregate> Aggregates,
    IReadOnlyList<TargetGap> Gaps,
    DateTimeOffset? PublishedAt);

/// <summary>The representation view for facilitators: the summary plus who each participant speaks for.</summary>
[GenerateSerializer, Alias("coproduce.representation.RepresentationView")]
public sealed record RepresentationView(RepresentationSummary Summary, IReadOnlyList<Voice> Voices);

/// <summary>A project's representation, keyed by the project's id: targets set by facilitators, and the suppressed aggregates and gaps.</summary>
[Alias("coproduce.representation.IProjectRepresentationGrain")]
public interface IProjectRepresentationGrain : IGrainWithGuidKey
{
    /// <summary>The targets, for anyone who can see the project.</summary>
    [ReadOnly]
    Task<Versioned<RepresentationTargets>> Targets(Actor actor);

    /// <summary>Replaces the targets (facilitators); after the first time, under the version last read.</summary>
    Task<Versioned<RepresentationTargets>> SetTargets(Actor actor, IReadOnlyList<RepresentationTarget> targets, long? expectedVersion);

    /// <summary>
    /// The published aggregates and gaps, and the voices, for the project's facilitators; 404 for anyone who
    /// cannot see it, 403 for other participants. Publishes a new snapshot first when enough people have changed.
    /// </summary>
    Task<RepresentationView> View(Actor actor);

    /// <summary>
    /// The published aggregates and gaps against targets, for the power-balance report; the caller (the report)
    /// has already been let in. Never holds a group of fewer than the threshold, and never differs from the
    /// previous snapshot by fewer than the threshold of people.
    /// </summary>
    Task<RepresentationSummary> Summary();
}
