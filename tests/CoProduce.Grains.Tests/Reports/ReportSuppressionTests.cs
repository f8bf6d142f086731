using CoProduce.Grains.Reports;
using CoProduce.Grains.Representation;

namespace CoProduce.Grains.Tests.Reports;

public sealed class ReportSuppressionTests
{
    private static PowerBalanceReport Report(params ReportMeasure[] measures) =>
        new(ReportScope.Project, Guid.NewGuid(), "Project", DateTimeOffset.UnixEpoch, [], [new ReportSectionResult("s", "Section", measures, ReportTable.Empty)]);

    private static ReportMeasure People(params (string Period, decimal Total, int Count)[] months) =>
        new("s.share", "Share", MeasureKind.Share, months.Sum(m => m.Total), months.Sum(m => m.Count),
            [.. months.Select(m => new MeasurePoint(m.Period, m.Total, m.Count))], CountsPeople: true);

    private static ReportMeasure Apply(ReportMeasure measure) => ReportSuppression.Apply(Report(measure)).Sections[0].Measures[0];

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
        var shown = Apply(People(("2026-03", 5, 10), ("2026-04", 6, 12)));
        Assert.Empty(Hidden(shown));
        Assert.Equal(11m, shown.Total);
        Assert.Null(shown.Suppressed);
    }

    [Fact]
    public void ASmallMonthTakesTheSmallestShownMonthWithItAndAllTimeStaysWhenSafe()
    {
        var shown = Apply(People(("2026-03", 5, 10), ("2026-04", 1, 1), ("2026-05", 10, 20)));
        Assert.Equal(["2026-03", "2026-04"], Hidden(shown));
        Assert.Equal(16m, shown.Total);
        Assert.All(shown.ByMonth.Where(p => p.Total is null), p => Assert.NotNull(p.Suppressed));
    }

    [Fact]
    public void WhenEvenAllMonthsTogetherAreUnsafeAllTimeIsHiddenToo()
    {
        var shown = Apply(People(("2026-03", 2, 4), ("2026-04", 1, 1)));
        Assert.Equal(["2026-03", "2026-04"], Hidden(shown));
        Assert.Null(shown.Total);
        Assert.Null(shown.Value);
        Assert.NotNull(shown.Suppressed);
    }

    [Fact]
    public void MeasuresThatDoNotCountPeopleAreLeftAsTheyAre()
    {
        var decisions = People(("2026-03", 1, 1)) with { CountsPeople = false };
        Assert.Equal(decisions, Apply(decisions));
    }
}
