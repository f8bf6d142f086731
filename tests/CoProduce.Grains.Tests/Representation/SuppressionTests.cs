using CoProduce.Grains.Representation;

namespace CoProduce.Grains.Tests.Representation;

public sealed class SuppressionTests
{
    private static AggregateCell Cell(string label, int count, bool notGiven = false) => new(label, count, notGiven);

    [Fact]
    public void CellsOfFiveOrMoreAreAllShown()
    {
        var (shown, suppressed) = Suppression.Apply([Cell("A", 5), Cell("B", 9), Cell("Not given", 6, true)]);
        Assert.False(suppressed);
        Assert.Equal(["B", "Not given", "A"], shown.Select(c => c.Label));
    }

    [Fact]
    public void ASingleSmallCellTakesTheSmallestShownCellWithItSoTheTotalCannotRevealIt()
    {
        var (shown, suppressed) = Suppression.Apply([Cell("A", 5), Cell("B", 7), Cell("C", 1)]);
        Assert.True(suppressed);
        Assert.Equal(["B"], shown.Select(c => c.Label));
    }

    [Fact]
    public void SmallCellsThatTogetherStayUnderTheThresholdTakeAShownCellWithThem()
    {
        var (shown, _) = Suppression.Apply([Cell("A", 6), Cell("B", 8), Cell("C", 1), Cell("D", 2)]);
        Assert.Equal(["B"], shown.Select(c => c.Label));
    }

    [Fact]
    public void SmallCellsThatTogetherReachTheThresholdNeedNoMore()
    {
        var (shown, suppressed) = Suppression.Apply([Cell("A", 6), Cell("C", 3), Cell("D", 2)]);
        Assert.True(suppressed);
        Assert.Equal(["A"], shown.Select(c => c.Label));
    }

    [Fact]
    public void OneSmallCellAloneIsHiddenAndNothingIsShown()
    {
        var (shown, suppressed) = Suppression.Apply([Cell("A", 3)]);
        Assert.True(suppressed);
        Assert.Empty(shown);
    }

    [Fact]
    public void EmptyCellsAreNeverShownNorCountedAsHidden()
    {
        var (shown, suppressed) = Suppression.Apply([Cell("A", 7), Cell("Not given", 0, true)]);
        Assert.False(suppressed);
        Assert.Equal(["A"], shown.Select(c => c.Label));
    }

    [Fact]
    public void NoSmallCellCanEverBeWorkedOutFromTheTotal()
    {
        var random = new Random(20261130);
        for (var run = 0; run < 2000; run++)
        {
            var cells = Enumerable.Range(0, random.Next(1, 7)).Select(i => Cell($"V{i}", random.Next(0, 12))).ToList();
            var (shown, _) = Suppression.Apply(cells);
            var hidden = cells.Where(c => c.Count > 0 && !shown.Contains(c)).ToList();
            Assert.All(shown, c => Assert.True(c.Count >= Suppression.Threshold));
            Assert.True(
                hidden.Count == 0 || shown.Count == 0 || (hidden.Count >= 2 && hidden.Sum(c => c.Count) >= Suppression.Threshold),
                string.Join(", ", cells.Select(c => $"{c.Label}={c.Count}")));
        }
    }

    [Fact]
    public void SelfDescribedValuesMatchIgnoringCaseAndSpacing() =>
        Assert.Equal(Values.Key("Black British"), Values.Key("  black   BRITISH "));

    [Fact]
    public void ATargetsFiguresAreHiddenWhenTheAggregateHidesItsCell()
    {
        // 5 + 5 + 1: the 1 is hidden, and one of the 5s with it.
        var people = new List<RepresentationCount.Counted>();
        people.AddRange(Enumerable.Range(0, 5).Select(_ => Person("65 to 74")));
        people.AddRange(Enumerable.Range(0, 5).Select(_ => Person("25 to 34")));
        people.Add(Person("18 to 24"));
        RepresentationTarget[] targets =
        [
            new(DiversityCharacteristic.AgeGroup, "25 to 34", null, 5),
            new(DiversityCharacteristic.AgeGroup, "65 TO 74", null, 6),
            new(DiversityCharacteristic.AgeGroup, "18 to 24", null, 5),
        ];

        var published = RepresentationCount.Snapshot(people, 1, DateTimeOffset.UnixEpoch);
        var summary = RepresentationCount.Summarise(Guid.NewGuid(), published, targets, new Dictionary<Guid, string>());

        Assert.Equal(Enum.GetValues<DiversityCharacteristic>().Length, summary.Aggregates.Count);
        var ages = summary.Aggregates.Single(a => a.Characteristic == DiversityCharacteristic.AgeGroup);
        Assert.Equal([("65 to 74", 5)], ages.Cells.Select(c => (c.Label, c.Count)));
        Assert.Equal(new bool?[] { null, false, null }, summary.Gaps.Select(g => g.Met));
        Assert.Equal(new int?[] { null, 1, null }, summary.Gaps.Select(g => g.Missing));
        Assert.Equal(11, summary.ContributorsGivingData);
    }

    [Fact]
    public void ChangesSinceASnapshotCountEachJoinerLeaverAndChangedStatementOnce()
    {
        var people = Enumerable.Range(0, 6).Select(i => Person(i < 3 ? "65 to 74" : "25 to 34")).ToList();
        var published = RepresentationCount.Snapshot(people, 1, DateTimeOffset.UnixEpoch);
        Assert.Equal(0, RepresentationCount.Changes(published.Stamps, people));

        // One left, one joined, one changed what they said: three changes.
        List<RepresentationCount.Counted> now = [.. people.Skip(1).Take(4), people[5] with { Stamp = "changed" }, Person("18 to 24")];
        Assert.Equal(3, RepresentationCount.Changes(published.Stamps, now));
    }

    private static RepresentationCount.Counted Person(string age) =>
        new(Guid.NewGuid(), [new DiversityAnswer(DiversityCharacteristic.AgeGroup, age)], [], Guid.NewGuid().ToString("N"));
}
