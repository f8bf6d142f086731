using System.Text.Json.Serialization;

namespace CoProduce.Grains.Reports;

/// <summary>How a measure's value reads: a share (0 to 1), a number of days, or a rung of the co-production ladder (1 to 7).</summary>
[GenerateSerializer, Alias("coproduce.reports.MeasureKind")]
public enum MeasureKind
{
    Share,
    Days,
    Ladder,
}

/// <summary>
/// A measure in one period (a calendar month in UTC, "2026-11"): <see cref="Value"/> is
/// <see cref="Total"/> divided by <see cref="Count"/>. Both parts are kept so that a network adds its
/// projects up exactly (sum of totals over sum of counts) instead of averaging averages. In a measure that
/// counts people (<see cref="ReportMeasure.CountsPeople"/>), the figures are those published so far: they move
/// only by a release of at least 5 people with lived experience and 5 without (or none), and <see cref="Suppressed"/>
/// says when some of the period still waits for one; when nothing of the period is published yet, <see cref="Total"/>
/// and <see cref="Value"/> are null and <see cref="Count"/> is how many there are.
/// <see cref="ShownAloneTotal"/> and <see cref="ShownAloneCount"/> are the part of a computed figure already shown
/// observation by observation (a decision's own count of voters with lived experience), which needs no release; they
/// never leave the silo in a published report (0, and not serialized to readers).
/// </summary>
[GenerateSerializer, Alias("coproduce.reports.MeasurePoint"), Immutable]
public sealed record MeasurePoint(
    string Period,
    decimal? Total,
    int Count,
    string? Suppressed = null,
    [property: JsonIgnore] decimal ShownAloneTotal = 0,
    [property: JsonIgnore] int ShownAloneCount = 0)
{
    public decimal? Value => Count == 0 || Total is not { } total ? null : Math.Round(total / Count, 4);
}

/// <summary>
/// One figure of the report, e.g. the share of agenda items proposed by people with lived experience:
/// over the whole life of the project (<see cref="Total"/> / <see cref="Count"/>) and month by month.
/// <see cref="CountsPeople"/> marks a share whose total counts people with lived experience (voters, proposers): it is
/// published in releases that never move a figure by fewer than 5 people on either side (<see cref="MeasurePoint"/>),
/// and its figure for all time is the sum of its months as published.
/// </summary>
[GenerateSerializer, Alias("coproduce.reports.ReportMeasure")]
public sealed record ReportMeasure(
    string Key,
    string Label,
    MeasureKind Kind,
    decimal? Total,
    int Count,
    IReadOnlyList<MeasurePoint> ByMonth,
    bool CountsPeople = false,
    string? Suppressed = null)
{
    public decimal? Value => Count == 0 || Total is not { } total ? null : Math.Round(total / Count, 4);
}

/// <summary>Rows behind a section's measures (one per decision, say), as text, for people who want to check the figures.</summary>
[GenerateSerializer, Alias("coproduce.reports.ReportTable")]
public sealed record ReportTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public static ReportTable Empty { get; } = new([], []);
}

/// <summary>What one section of the report found.</summary>
[GenerateSerializer, Alias("coproduce.reports.ReportSectionResult")]
public sealed record ReportSectionResult(string Key, string Title, IReadOnlyList<ReportMeasure> Measures, ReportTable Details);

/// <summary>What a section is asked about: one project, as of <see cref="Now"/>.</summary>
[GenerateSerializer, Alias("coproduce.reports.ReportSubject"), Immutable]
public sealed record ReportSubject(Guid ProjectId, string ProjectName, DateTimeOffset Now);

/// <summary>Whether a report covers one project or a network's projects.</summary>
[GenerateSerializer, Alias("coproduce.reports.ReportScope")]
public enum ReportScope
{
    Project,
    Network,
}

/// <summary>The power-balance report: who set the agenda, who decided, whether people heard back, and how the group rates itself.</summary>
[GenerateSerializer, Alias("coproduce.reports.PowerBalanceReport")]
public sealed record PowerBalanceReport(
    ReportScope Scope,
    Guid Id,
    string Name,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<Guid> Projects,
    IReadOnlyList<ReportSectionResult> Sections);

/// <summary>
/// One part of the power-balance report. Sections are found in the silo's services: a feature adds its
/// own (speaking time, payment timeliness, representation) by registering an implementation, with no
/// change to the report. A section reads the journal and grain state of one project; the network report
/// adds the projects' sections up by key.
/// </summary>
public interface IReportSection
{
    /// <summary>A stable key ("agenda", "decisions"); a measure's key starts with it.</summary>
    string Key { get; }

    /// <summary>Where the section goes in the report; lower first.</summary>
    int Order { get; }

    /// <summary>The section for one project. It must not reveal who voted what in an anonymous decision.</summary>
    Task<ReportSectionResult> ComputeAsync(ReportSubject subject, CancellationToken cancellationToken = default);
}
