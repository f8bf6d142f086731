using System.Globalization;
using CoProduce.Grains.Feedback;

namespace CoProduce.Grains.Reports.Sections;

/// <summary>
/// Whether people heard back: the share of closed decisions with published "you said, we did" feedback,
/// and the days from closing to the first published entry. Each decision falls in the month it closed.
/// </summary>
public sealed class FeedbackSection(IGrainFactory grains) : IReportSection
{
    public string Key => "feedback";

    public int Order => 30;

    public async Task<ReportSectionResult> ComputeAsync(ReportSubject subject, CancellationToken cancellationToken = default)
    {
        var fedBack = new MeasureBuilder("feedback.fed-back", "Decisions fed back to the people involved", MeasureKind.Share);
        var days = new MeasureBuilder("feedback.days", "Days from closing to feedback", MeasureKind.Days);
        var rows = new ReportTableBuilder("decision", "closed at", "fed back at", "days");
        var firstPublished = await FirstPublished(subject.ProjectId);
        foreach (var d in await DecisionBalances.ClosedAsync(grains, subject.ProjectId))
        {
            var closed = d.ClosedAt!.Value;
            var published = firstPublished.TryGetValue(d.Id, out var at) ? at : (DateTimeOffset?)null;
            fedBack.Add(closed, published is not null);
            var took = published is { } p ? Months.Days(closed, p) : (decimal?)null;
            if (took is { } value)
            {
                days.Add(closed, value);
            }

            rows.Add(subject, d.Title, Months.Text(closed), Months.Text(published), took?.ToString("0.00", CultureInfo.InvariantCulture) ?? "");
        }

        return new ReportSectionResult(Key, "Whether people heard back", [fedBack.Build(), days.Build()], rows.Build());
    }

    /// <summary>When each decision's first entry was published, by decision; an entry counts only when its own state says published.</summary>
    private async Task<Dictionary<Guid, DateTimeOffset>> FirstPublished(Guid projectId)
    {
        var ids = await grains.GetGrain<IProjectFeedbackGrain>(projectId).PublishedIds();
        var entries = await Task.WhenAll(ids.Select(id => grains.GetGrain<IFeedbackGrain>(id).Peek()));
        return entries
            .Where(e => e is { Status: FeedbackStatus.Published, PublishedAt: not null } && e.ProjectId == projectId)
            .GroupBy(e => e!.DecisionId)
            .ToDictionary(g => g.Key, g => g.Min(e => e!.PublishedAt!.Value));
    }
}
