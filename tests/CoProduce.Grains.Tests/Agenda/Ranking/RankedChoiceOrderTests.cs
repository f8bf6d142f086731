using System.Diagnostics;
using CoProduce.Grains.Agenda.Ranking;
using static CoProduce.Grains.Tests.Agenda.Ranking.Ballots;

namespace CoProduce.Grains.Tests.Agenda.Ranking;

public sealed class RankedChoiceOrderTests
{
    private static IReadOnlyList<Placement> Order(IReadOnlyList<Guid> candidates, params IEnumerable<Guid[]>[] groups) =>
        RankedChoiceOrder.Order(candidates, groups.SelectMany(g => g));

    [Fact]
    public void TransfersCanOvertakeTheMostFirstPreferences()
    {
        // A leads on first preferences (4 of 9) but B wins once C's ballots move on; then C beats A.
        var order = Order([A, B, C], Times(4, new[] { A }), Times(3, new[] { B, C }), Times(2, new[] { C, B }));
        Assert.Equal([new(B, 5), new(C, 5), new(A, 4)], order);
    }

    [Fact]
    public void AnOutrightMajorityWinsInTheFirstRound()
    {
        var order = Order([A, B, C], Times(3, new[] { C, A }), Times(1, new[] { A, B }), Times(1, new[] { B, A }));
        Assert.Equal([C, A, B], order.Select(p => p.ItemId));
        Assert.Equal(3, order[0].Score);
    }

    [Fact]
    public void ATieForFewestEliminatesTheLatestProposalFirst()
    {
        // A and B tie for fewest (2 each): B, the later proposal, goes, and its ballots carry A to 4 of 7.
        var order = Order([A, B, C], Times(3, new[] { C }), Times(2, new[] { A, B }), Times(2, new[] { B, A }));
        Assert.Equal([new(A, 4), new(B, 4), new(C, 3)], order);
    }

    [Fact]
    public void ATieBetweenTheLastTwoGoesToTheEarlierProposal()
    {
        var order = Order([A, B], Times(1, new[] { B }), Times(1, new[] { A }));
        Assert.Equal([new(A, 1), new(B, 1)], order);
    }

    [Fact]
    public void ExhaustedBallotsDropOutOfTheMajority()
    {
        // C is eliminated first (the later of the tied B and C); its partial ballots are exhausted, so
        // A's 3 is a majority of the 5 ballots still counting.
        var order = Order([A, B, C], Times(3, new[] { A }), Times(2, new[] { B }), Times(2, new[] { C }));
        Assert.Equal([new(A, 3), new(B, 2), new(C, 2)], order);
    }

    [Fact]
    public void ItemsNobodyRankedComeLastInProposalOrder()
    {
        var order = Order([A, B, C, D], Times(2, new[] { C }), Times(1, new[] { B }));
        Assert.Equal([new(C, 2), new(B, 1), new(A, 0), new(D, 0)], order);
    }

    [Fact]
    public void WithNoBallotsTheOrderIsProposalOrder()
    {
        var order = Order([A, B, C]);
        Assert.Equal([A, B, C], order.Select(p => p.ItemId));
        Assert.All(order, p => Assert.Equal(0, p.Score));
    }

    [Fact]
    public void UnknownAndRepeatedEntriesOnABallotAreSkipped()
    {
        var order = Order([A, B], Times(1, new[] { X, B, A }), Times(1, new[] { B, B, A }));
        Assert.Equal([new(B, 2), new(A, 2)], order);
    }

    [Fact]
    public void NoCandidatesGiveAnEmptyOrder() => Assert.Empty(Order([], Times(1, new[] { A })));

    [Fact]
    public void AFullAgendaWithManyBallotsIsOrderedQuicklyAndCompletely()
    {
        var random = new Random(20251122);
        var candidates = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).ToList();
        var ballots = Enumerable.Range(0, 200)
            .Select(_ => candidates.OrderBy(_ => random.Next()).Take(random.Next(1, 101)).ToArray())
            .ToList();

        var clock = Stopwatch.StartNew();
        var order = RankedChoiceOrder.Order(candidates, ballots);
        clock.Stop();

        Assert.Equal(candidates.Order(), order.Select(p => p.ItemId).Order());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"Ordering took {clock.Elapsed}.");
    }
}
