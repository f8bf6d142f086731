using System.Globalization;

namespace CoProduce.Grains.Reports.Sections;

/// <summary>
/// Where the project's members say it stands on the ladder of co-production (1 coercion to 7
/// co-production): overall the latest rating, and for each month from the first rating on, the rating
/// in force at the end of that month (or now, for the current month). Each row is one person's rating, so it
/// says nothing of whether the rater has lived experience.
/// </summary>
public sealed class SelfAssessmentSection(IGrainFactory grains) : IReportSection
{
    public string Key => "self-assessment";

    public int Order => 40;

    public async Task<ReportSectionResult> ComputeAsync(ReportSubject subject, CancellationToken cancellationToken = default)
    {
        var history = await grains.GetGrain<ISelfAssessmentGrain>(subject.ProjectId).History();
        var rows = new ReportTableBuilder("recorded at", "level", "rung");
        var months = new List<MeasurePoint>();
        if (history.Count > 0)
        {
            foreach (var month in Months.Between(history[0].RecordedAt, subject.Now))
            {
                var inForce = history.Last(e => string.CompareOrdinal(Months.Of(e.RecordedAt), month) <= 0);
                months.Add(new MeasurePoint(month, (int)inForce.Level, 1));
            }
        }

        foreach (var entry in history)
        {
            rows.Add(subject, Months.Text(entry.RecordedAt), entry.Level.ToString(), ((int)entry.Level).ToString(CultureInfo.InvariantCulture));
        }

        var latest = history.Count > 0 ? (int)history[^1].Level : 0;
        var level = new ReportMeasure(
            "self-assessment.level", "Self-assessed rung on the ladder of co-production (1 coercion to 7 co-production)",
            MeasureKind.Ladder, latest, history.Count > 0 ? 1 : 0, months);
        return new ReportSectionResult(Key, "How the group rates itself", [level], rows.Build());
    }
}
