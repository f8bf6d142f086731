using CoProduce.Grains.Reports;
using CoProduce.Grains.Representation;

namespace CoProduce.Grains.Tests.Reports;

public sealed class ReportReleaseTests
{
    private static PowerBalanceReport Report(params ReportMeasure[] measures) =>
        new(ReportScope.Project, Guid.NewGuid(), "Project", DateTimeOffset.UnixEpoch, [], [new ReportSectionResult("s", "Section", measures, ReportTable.Empty)]);

    private static ReportMeasure People(params (string Period, decimal Total, int Count)[] months) =>
        new("s.share", "Share", MeasureKind.Share, months.Sum(m => m.Total), months.Sum(m => m.Count),
            [.. months.Select(m => new MeasurePoint(m.Period, m.Total, m.Count))], CountsPeople: true);

    /// <summary>Publishes <paramref name="measure"/> after <paramref name="released"/>, which it updates as the grain's state would be.</summary>
    private static ReportMeasure Publish(ReportMeasure measure, ref Dictionary<string, ReleasedPart> released)
    {
        var (published, next, _) = ReportRelease.Publish(Report(measure), released);
        released = next;
        return published.Sections[0].Measures[0];
    }

    private static ReportMeasure Publish(ReportMeasure measure)
    {
        var released = new Dictionary<string, ReleasedPart>();
        return Publish(measure, ref released);
    }

    private static List<string> Hidden(ReportMeasure measure) => [.. measure.ByMonth.Where(p => p.Total is null).Select(p => p.Period)];

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(0, 7, true)]
    [InlineData(5, 5, true)]
    [InlineData(5, 10, true)]
    [InlineData(1, 7, false)]
    [InlineData(4, 20, false)]
    [InlineData(6, 8, false)]
    [InlineData(9, 10, false)]
    public void ACountIsSafeWhenItAndTheRestAreEachNoneOrAtLeastFive(int part, int total, bool safe) =>
        Assert.Equal(safe, Suppression.SafeShare(part, total));

    [Fact]
    public void MonthsThatAreSafeAreAllShown()
    {
        var shown = Publish(People(("2026-03", 5, 10), ("2026-04", 6, 12)));
        Assert.Empty(Hidden(shown));
        Assert.Equal((11m, 22), (shown.Total, shown.Count));
        Assert.Null(shown.Suppressed);
    }

    [Fact]
    public void AMonthThatIsNotSafeWaitsAndAllTimeAddsUpOnlyWhatIsPublished()
    {
        var shown = Publish(People(("2026-03", 5, 10), ("2026-04", 1, 1), ("2026-05", 10, 20)));
        Assert.Equal(["2026-04"], Hidden(shown));
        Assert.Equal((1, ReportRelease.Waiting), (shown.ByMonth[1].Count, shown.ByMonth[1].Suppressed));

        // All time is March and May as published: it cannot be set against them to give April back.
        Assert.Equal((15m, 30), (shown.Total, shown.Count));
        Assert.Equal(ReportRelease.Waiting, shown.Suppressed);
    }

    [Fact]
    public void WhenNothingIsPublishedYetAllTimeIsHiddenToo()
    {
        var shown = Publish(People(("2026-03", 2, 4), ("2026-04", 1, 1)));
        Assert.Equal(["2026-03", "2026-04"], Hidden(shown));
        Assert.Null(shown.Total);
        Assert.Null(shown.Value);
        Assert.Equal(5, shown.Count);
        Assert.Equal(ReportRelease.Waiting, shown.Suppressed);
    }

    [Fact]
    public void OneMorePersonNeverMovesAFigureUntilFiveOnEachSideHaveComeWithThem()
    {
        var released = new Dictionary<string, ReleasedPart>();
        Assert.Equal((5m, 10), Figures(Publish(People(("2026-03", 5, 10)), ref released)));

        // The target (with lived experience) adds one: nothing moves, and the month says something waits.
        var one = Publish(People(("2026-03", 6, 11)), ref released);
        Assert.Equal((5m, 10), Figures(one));
        Assert.Equal(ReportRelease.Waiting, one.ByMonth[0].Suppressed);

        // Four more without it: still 1 and 4 since the release, so still nothing.
        Assert.Equal((5m, 10), Figures(Publish(People(("2026-03", 6, 15)), ref released)));

        // Then 5 with it and 5 without since the release: all of it at once.
        var all = Publish(People(("2026-03", 10, 20)), ref released);
        Assert.Equal((10m, 20), Figures(all));
        Assert.Null(all.Suppressed);
    }

    [Fact]
    public void FiguresShownOneByOneAreAddedAtOnceAndTheRestStillWaits()
    {
        // A decision of 5 of 10 whose count the decision shows, and one of 1 of 6 whose count it hides.
        var measure = People(("2026-03", 6, 16)) with { ByMonth = [new MeasurePoint("2026-03", 6, 16, null, 5, 10)] };
        var shown = Publish(measure);
        Assert.Equal((5m, 10), Figures(shown));
        Assert.Equal(ReportRelease.Waiting, shown.ByMonth[0].Suppressed);
        Assert.Equal(0, shown.ByMonth[0].ShownAloneCount);
    }

    [Fact]
    public void MeasuresThatDoNotCountPeopleAreLeftAsTheyAre()
    {
        var decisions = People(("2026-03", 1, 1)) with { CountsPeople = false };
        Assert.Equal(decisions, Publish(decisions));
    }

    [Fact]
    public void NoPublishedFigureEverMovesByFewerThanFiveOnEitherSide()
    {
        // 300 random histories: people arrive one to three at a time, with or without lived experience, in this month
        // or the next; the report is read after each arrival. Between any two reads, every month's figure and the
        // figure for all time either stay as they were or move by a safe share.
        var random = new Random(20261207);
        var published = 0;
        for (var run = 0; run < 300; run++)
        {
            var raw = new SortedDictionary<string, (decimal Total, int Count)>(StringComparer.Ordinal);
            var released = new Dictionary<string, ReleasedPart>();
            var before = new Dictionary<string, (decimal Total, int Count)>(StringComparer.Ordinal);
            var month = 1;
            for (var step = 0; step < 60; step++)
            {
                month += random.Next(6) == 0 ? 1 : 0;
                var period = $"2026-{month:00}";
                var arrivals = random.Next(1, 4);
                var lived = Enumerable.Range(0, arrivals).Count(_ => random.Next(3) == 0);
                var (t, c) = raw.GetValueOrDefault(period);
                raw[period] = (t + lived, c + arrivals);

                var shown = Publish(People([.. raw.Select(r => (r.Key, r.Value.Total, r.Value.Count))]), ref released);
                var now = new Dictionary<string, (decimal Total, int Count)>(StringComparer.Ordinal)
                {
                    ["all"] = shown.Total is { } all ? (all, shown.Count) : (0m, 0),
                };
                foreach (var point in shown.ByMonth.Where(p => p.Total is not null))
                {
                    now[point.Period] = (point.Total!.Value, point.Count);
                }

                foreach (var (key, figure) in now)
                {
                    var old = before.GetValueOrDefault(key);
                    Assert.True(
                        Suppression.SafeShare(figure.Total - old.Total, figure.Count - old.Count),
                        $"run {run}, step {step}, {key}: {old.Total}/{old.Count} became {figure.Total}/{figure.Count}");
                }

                before = now;
            }

            published += before["all"].Count > 0 ? 1 : 0;
        }

        // And the rule is not empty: histories of this size do get published.
        Assert.True(published > 250, $"only {published} of 300 histories published anything");
    }

    [Fact]
    public void ANetworkAddsOnlyWhatItsProjectsPublished()
    {
        PowerBalanceReport Project(params MeasurePoint[] months) => Report(new ReportMeasure(
            "s.share", "Share", MeasureKind.Share, null, months.Sum(p => p.Count), months, CountsPeople: true, ReportRelease.Waiting));

        var a = Project(new MeasurePoint("2026-03", null, 1, ReportRelease.Waiting), new MeasurePoint("2026-04", null, 2, ReportRelease.Waiting));
        var b = Project(new MeasurePoint("2026-03", 5, 10), new MeasurePoint("2026-04", null, 3, ReportRelease.Waiting));
        var sum = ReportAddition.Sum([a, b])[0].Measures[0];

        // March: only the second project's 5 of 10 (the first one's waiting person is not in it, only the note).
        Assert.Equal(new MeasurePoint("2026-03", 5, 10, ReportRelease.Waiting), sum.ByMonth[0]);
        // April: nothing published by either: no total, and how many there are.
        Assert.Equal(new MeasurePoint("2026-04", null, 5, ReportRelease.Waiting), sum.ByMonth[1]);
    }

    private static (decimal?, int) Figures(ReportMeasure measure) => (measure.Total, measure.Count);
}
