using CoProduce.Grains.Agenda.Ranking;
using static CoProduce.Grains.Tests.Agenda.Ranking.Ballots;

namespace CoProduce.Grains.Tests.Agenda.Ranking;

public sealed class DotVoteTallyTests
{
    private static Dictionary<Guid, int> Dots(params (Guid Item, int Count)[] dots) => dots.ToDictionary(d => d.Item, d => d.Count);

    [Fact]
    public void MostDotsComeFirstAndScoresAreTotals()
    {
        var order = DotVoteTally.Order([A, B, C], [Dots((A, 2), (B, 3)), Dots((A, 1), (B, 2), (C, 1))]);
        Assert.Equal([new(B, 5), new(A, 3), new(C, 1)], order);
    }

    [Fact]
    public void EqualTotalsKeepProposalOrder()
    {
        var order = DotVoteTally.Order([A, B, C, D], [Dots((A, 2), (B, 3)), Dots((C, 2), (D, 3))]);
        Assert.Equal([B, D, A, C], order.Select(p => p.ItemId));
    }

    [Fact]
    public void WithNoDotsTheOrderIsProposalOrder()
    {
        var order = DotVoteTally.Order([A, B, C], []);
        Assert.Equal([new(A, 0), new(B, 0), new(C, 0)], order);
    }

    [Fact]
    public void DotsOnItemsThatAreNotCandidatesAndNonPositiveCountsAreIgnored()
    {
        var order = DotVoteTally.Order([A, B], [Dots((X, 9), (B, 1), (A, 0)), Dots((A, -4))]);
        Assert.Equal([new(B, 1), new(A, 0)], order);
    }

    [Fact]
    public void EveryCandidateGetsExactlyOnePlace()
    {
        var order = DotVoteTally.Order([A, B, C, D], [Dots((D, 1))]);
        Assert.Equal([D, A, B, C], order.Select(p => p.ItemId));
    }

    [Fact]
    public void NoCandidatesGiveAnEmptyOrder() => Assert.Empty(DotVoteTally.Order([], [Dots((A, 1))]));

    [Fact]
    public void ARepeatedCandidateIsRefused() =>
        Assert.Throws<ArgumentException>(() => DotVoteTally.Order([A, A], []));
}
