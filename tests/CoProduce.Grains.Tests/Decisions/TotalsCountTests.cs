using CoProduce.Grains.Decisions;
using CoProduce.Grains.Decisions.Counting;
using static CoProduce.Grains.Tests.Decisions.Votes;

namespace CoProduce.Grains.Tests.Decisions;

/// <summary>Dot vote, score and time poll: methods that add up per option.</summary>
public sealed class TotalsCountTests
{
    [Fact]
    public void DotsAreTotalledAndTheMostWins()
    {
        var count = DotVoteCount.Tally(Abc, [Dots((A, 2), (B, 3)), Dots((A, 1), (B, 2), (C, 1))]);
        Assert.Equal([B.Id], count.Winners);
        Assert.Equal([5m, 3m, 1m], count.Options.Select(o => o.Score));
        Assert.Equal([2, 2, 1], count.Options.Select(o => o.Backers));
    }

    [Fact]
    public void EqualDotTotalsTie()
    {
        var count = DotVoteCount.Tally(Abc, [Dots((A, 2), (C, 1)), Dots((C, 1))]);
        Assert.Equal([A.Id, C.Id], count.Winners);
        Assert.Equal("A1 C1 B3", Places(count.Options));
    }

    [Fact]
    public void ScoresGiveTotalsAndMeansToTwoPlacesAndEqualTotalsTie()
    {
        var count = ScoreCount.Tally(Abc, [Scores((A, 5), (B, 1), (C, 0)), Scores((A, 2), (B, 4), (C, 0)), Scores((A, 3), (B, 5), (C, 5))]);
        Assert.Equal([A.Id, B.Id], count.Winners);
        Assert.True(count.Options.Count == 3 && Places(count.Options) == "A1 B1 C3");
        Assert.Equal([10m, 10m, 5m], count.Options.Select(o => o.Score));
        Assert.Equal([3.33m, 3.33m, 1.67m], count.Options.Select(o => o.Mean!.Value));
    }

    [Fact]
    public void ScoresWithAClearLeader()
    {
        var count = ScoreCount.Tally(Abc, [Scores((A, 1), (B, 4), (C, 2)), Scores((A, 2), (B, 3), (C, 2))]);
        Assert.Equal([B.Id], count.Winners);
        Assert.Equal([7m, 4m, 3m], count.Options.Select(o => o.Score));
        Assert.Equal([3.5m, 2m, 1.5m], count.Options.Select(o => o.Mean!.Value));
    }

    [Fact]
    public void TimePollPrefersMostYesThenMostMaybe()
    {
        var count = TimePollCount.Tally(Abc, [
            Available((A, Availability.Yes), (B, Availability.Yes), (C, Availability.Maybe)),
            Available((A, Availability.Maybe), (B, Availability.Yes), (C, Availability.Yes)),
            Available((A, Availability.Yes), (B, Availability.No)),
        ]);
        Assert.Equal([A.Id], count.Winners);
        Assert.Equal("A1 B2 C3", Places(count.Options));
        Assert.Equal([(2m, 1), (2m, 0), (1m, 1)], count.Options.Select(o => (o.Score, o.Maybe!.Value)));
    }

    [Fact]
    public void TimesLevelOnYesAndMaybeTieAndNoAvailabilityMeansNoWinner()
    {
        var tie = TimePollCount.Tally(Abc, [Available((A, Availability.Yes), (C, Availability.Yes), (B, Availability.Maybe))]);
        Assert.Equal([A.Id, C.Id], tie.Winners);
        Assert.Empty(TimePollCount.Tally(Abc, [Available((A, Availability.No))]).Winners);
    }
}
