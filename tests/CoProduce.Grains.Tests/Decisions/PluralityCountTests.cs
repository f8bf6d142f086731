using CoProduce.Grains.Decisions.Counting;
using static CoProduce.Grains.Tests.Decisions.Votes;

namespace CoProduce.Grains.Tests.Decisions;

public sealed class PluralityCountTests
{
    [Fact]
    public void MostVotesWins()
    {
        var count = PluralityCount.Tally(Abc, Of(Times(3, Choose(B)), Times(2, Choose(A)), Times(1, Choose(C))));
        Assert.Equal([B.Id], count.Winners);
        Assert.Equal("B1 A2 C3", Places(count.Options));
        Assert.Equal([3m, 2m, 1m], count.Options.Select(o => o.Score));
    }

    [Fact]
    public void ATieForMostIsReportedAsATieNotBroken()
    {
        var count = PluralityCount.Tally(Abc, Of(Times(2, Choose(C)), Times(2, Choose(A)), Times(1, Choose(B))));
        Assert.Equal([A.Id, C.Id], count.Winners);
        Assert.Equal("A1 C1 B3", Places(count.Options));
    }

    [Fact]
    public void WithNoVotesNothingWins()
    {
        var count = PluralityCount.Tally(Abc, []);
        Assert.Empty(count.Winners);
        Assert.Equal("A1 B1 C1", Places(count.Options));
    }
}
