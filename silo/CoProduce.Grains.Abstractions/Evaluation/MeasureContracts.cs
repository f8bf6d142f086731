using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Evaluation;

/// <summary>Whether the group has agreed its measures of success.</summary>
[GenerateSerializer, Alias("coproduce.evaluation.MeasuresStatus")]
public enum MeasuresStatus
{
    /// <summary>Measures are proposed, edited and endorsed or objected to.</summary>
    Open,

    /// <summary>Agreed by the group; who endorsed and objected at that moment is recorded.</summary>
    Agreed,
}

/// <summary>What a measure says: its name, what it measures, how it is collected, and an optional Easy Read summary.</summary>
[GenerateSerializer, Alias("coproduce.evaluation.MeasureText"), Immutable]
public sealed record MeasureText(string Name, string WhatItMeasures, string HowCollected, string? EasyReadSummary);

/// <summary>A participant's latest answer to a measure: endorsed, or objected to with a comment.</summary>
[GenerateSerializer, Alias("coproduce.evaluation.Endorsement"), Immutable]
public sealed record Endorsement(Guid PersonId, Guid? SupportedBy, bool Endorses, string? Comment, DateTimeOffset At);

/// <summary>
/// A proposed measure of success with its provenance: who proposed it, in what role, and the supporter who acted
/// with them if any. <see cref="ProposerLivedExperience"/> is the proposer's lived experience as their profile says
/// it now, shown only to the project's facilitators and only when the proposer agreed to show it in this project;
/// null to everyone else. <see cref="Version"/> is the measure's own, for If-Match.
/// </summary>
[GenerateSerializer, Alias("coproduce.evaluation.Measure")]
public sealed record Measure(
    Guid Id,
    string Name,
    string WhatItMeasures,
    string HowCollected,
    string? EasyReadSummary,
    Guid ProposedBy,
    Guid? SupportedBy,
    ProjectRole ProposerRole,
    bool? ProposerLivedExperience,
    DateTimeOffset ProposedAt,
    long Version,
    IReadOnlyList<Endorsement> Endorsements);

/// <summary>One measure as it stood when the set was agreed, with who endorsed and who objected then.</summary>
[GenerateSerializer, Alias("coproduce.evaluation.AgreedMeasure")]
public sealed record AgreedMeasure(Guid MeasureId, long Version, IReadOnlyList<Guid> EndorsedBy, IReadOnlyList<Guid> ObjectedBy);

/// <summary>Who confirmed the agreed set and when, with each measure's endorsements and objections at that moment.</summary>
[GenerateSerializer, Alias("coproduce.evaluation.MeasuresAgreement")]
public sealed record MeasuresAgreement(Guid By, Guid? SupportedBy, DateTimeOffset At, IReadOnlyList<AgreedMeasure> Measures);

/// <summary>A project's measures of success as participants see them.</summary>
[GenerateSerializer, Alias("coproduce.evaluation.MeasuresView")]
public sealed record MeasuresView(Guid ProjectId, MeasuresStatus Status, IReadOnlyList<Measure> Measures, MeasuresAgreement? Agreement);

/// <summary>
/// How a project's work is judged, co-designed: measures proposed by anyone taking part, endorsed or
/// objected to by the group, and agreed by facilitators with every answer kept. Keyed by the project's id.
/// </summary>
[Alias("coproduce.evaluation.IEvaluationGrain")]
public interface IEvaluationGrain : IGrainWithGuidKey
{
    /// <summary>The measures for anyone who can see the project; 404 for anyone else.</summary>
    [ReadOnly]
    Task<Versioned<MeasuresView>> Get(Actor actor);

    /// <summary>One measure with its own version.</summary>
    [ReadOnly]
    Task<Measure> GetMeasure(Actor actor, Guid measureId);

    /// <summary>Proposes a measure (contributors and facilitators; observers watch).</summary>
    Task<Measure> Propose(Actor actor, MeasureText text);

    /// <summary>Edits a measure (its proposer or a facilitator) if it is still at <paramref name="expectedVersion"/>; endorsements are of the old words, so they are cleared.</summary>
    Task<Measure> Edit(Actor actor, Guid measureId, MeasureText text, long expectedVersion);

    /// <summary>Records the caller's endorsement of or objection to a measure; the latest answer counts.</summary>
    Task<Measure> Endorse(Actor actor, Guid measureId, bool endorses, string? comment);

    /// <summary>Marks the set agreed (facilitators), recording who endorsed and who objected to each measure at that moment.</summary>
    Task<Versioned<MeasuresView>> Agree(Actor actor);
}
