using CoProduce.Grains.Common;

namespace CoProduce.Grains.Reports;

/// <summary>The ladder of co-production, lowest rung first: where a project's members say their work stands.</summary>
[GenerateSerializer, Alias("coproduce.reports.CoProductionLevel")]
public enum CoProductionLevel
{
    Coercion = 1,
    Educating = 2,
    Informing = 3,
    Consultation = 4,
    Engagement = 5,
    CoDesign = 6,
    CoProduction = 7,
}

/// <summary>
/// One rating on the ladder, with who gave it and why. <see cref="LivedExperience"/> is the rater's lived experience
/// as their profile says it now, shown only to the project's facilitators and only when the rater agreed to show it
/// in this project; null to everyone else (and in the report).
/// </summary>
[GenerateSerializer, Alias("coproduce.reports.SelfAssessmentEntry"), Immutable]
public sealed record SelfAssessmentEntry(CoProductionLevel Level, string? Note, Guid RecordedBy, Guid? SupportedBy, bool? LivedExperience, DateTimeOffset RecordedAt);

/// <summary>The project's current rating (the latest) and every rating before it, newest first.</summary>
[GenerateSerializer, Alias("coproduce.reports.SelfAssessmentView")]
public sealed record SelfAssessmentView(Guid ProjectId, SelfAssessmentEntry? Current, IReadOnlyList<SelfAssessmentEntry> History);

/// <summary>A project's self-assessment on the ladder of co-production over time, keyed by the project's id.</summary>
[Alias("coproduce.reports.ISelfAssessmentGrain")]
public interface ISelfAssessmentGrain : IGrainWithGuidKey
{
    /// <summary>Records where the project stands now (contributors and facilitators); earlier ratings stay in the history.</summary>
    Task<SelfAssessmentView> Record(Actor actor, CoProductionLevel level, string? note);

    /// <summary>The current rating and its history, for anyone who can see the project; 404 otherwise.</summary>
    [ReadOnly]
    Task<SelfAssessmentView> Get(Actor actor);

    /// <summary>Every rating, oldest first, with no access check (for the report).</summary>
    [ReadOnly]
    Task<IReadOnlyList<SelfAssessmentEntry>> History();
}
