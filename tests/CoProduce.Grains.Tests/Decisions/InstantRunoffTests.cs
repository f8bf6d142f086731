using CoProduce.Grains.Decisions.Counting;
using static CoProduce.Grains.Tests.Decisions.Votes;

namespace CoProduce.Grains.Tests.Decisions;

public sealed class InstantRunoffTests
{
    [Fact]
    public void AnOutrightMajorityWinsInTheFirstRound()
    {
        var count = InstantRunoff.Tally(Abc, Of(Times(3, Rank(C, A)), Times(1, Rank(A)), Times(1, Rank(B))));
        Assert.Equal([C.Id], count.Winners);
        Assert.Single(count.Rounds);
        Assert.Null(count.Rounds[0].Eliminated);
    }

    [Fact]
    public void TransfersCanOvertakeTheMostFirstPreferences()
    {
        // A leads on firsts (4 of 9); C goes out with 2 and its ballots carry B to 5.
        var count = InstantRunoff.Tally(Abc, Of(Times(4, Rank(A)), Times(3, Rank(B, C)), Times(2, Rank(C, B))));
        Assert.Equal([B.Id], count.Winners);
        Assert.Equal("B1 A2 C3", Places(count.Options));
        Assert.Equal([5m, 4m, 2m], count.Options.Select(o => o.Score));
        Assert.Equal(C.Id, count.Rounds[0].Eliminated);
        Assert.Equal(5, count.Rounds[1].Votes[B.Id]);
    }

    [Fact]
    public void ATieForFewestIsBrokenByAnEarlierRoundThenByListing()
    {
        // Round 1: A 4, B 3, C 2, D 2 -> C and D tie, with no earlier round, so D (listed last) goes.
        // Round 2: D's ballots go to B: A 4, B 5, C 2 -> C goes. Round 3: C's ballots go to A: A 6, B 5.
        var count = InstantRunoff.Tally([A, B, C, D], Of(Times(4, Rank(A)), Times(3, Rank(B)), Times(2, Rank(C, A)), Times(2, Rank(D, B))));
        Assert.Equal(D.Id, count.Rounds[0].Eliminated);
        Assert.Equal(InstantRunoff.ListedLast, count.Rounds[0].TieBreak);
        Assert.Equal([A.Id], count.Winners);

        // Round 1: A 4, B 3, C 2, D 1 -> D goes and its ballot moves to C: A 4, B 3, C 3. B and C tie for
        // fewest, but C had fewer in round 1, so C goes (EarlierRound); its ballots carry A to 7 of 10.
        var earlier = InstantRunoff.Tally([A, B, C, D], Of(Times(4, Rank(A)), Times(3, Rank(B)), Times(2, Rank(C, A)), Times(1, Rank(D, C, A))));
        Assert.Equal(C.Id, earlier.Rounds[1].Eliminated);
        Assert.Equal(InstantRunoff.EarlierRound, earlier.Rounds[1].TieBreak);
        Assert.Equal([A.Id], earlier.Winners);
    }

    [Fact]
    public void OptionsLevelInEveryRoundAreReportedAsATie()
    {
        var count = InstantRunoff.Tally([A, B], Of(Times(2, Rank(B)), Times(2, Rank(A))));
        Assert.Equal([A.Id, B.Id], count.Winners);
        Assert.Equal("A1 B1", Places(count.Options));
    }

    [Fact]
    public void ExhaustedBallotsDropOutOfTheMajority()
    {
        // Round 1: A 3, B 2, C 2 -> B and C tie; C listed last goes; its ballots are exhausted, so A's 3 of 5 wins.
        var count = InstantRunoff.Tally(Abc, Of(Times(3, Rank(A)), Times(2, Rank(B)), Times(2, Rank(C))));
        Assert.Equal([A.Id], count.Winners);
        Assert.Equal(2, count.Rounds[1].Exhausted);
    }

    [Fact]
    public void UnknownAndRepeatedOptionsOnABallotAreSkipped()
    {
        var unknown = new CoProduce.Grains.Decisions.DecisionOption(Guid.NewGuid(), "X");
        var count = InstantRunoff.Tally(Abc, Of(Times(2, Rank(unknown, B, B)), Times(1, Rank(A))));
        Assert.Equal([B.Id], count.Winners);
    }

    [Fact]
    public void WithNoBallotsNothingWins()
    {
        var count = InstantRunoff.Tally(Abc, []);
        Assert.Empty(count.Winners);
        Assert.Empty(count.Rounds);
    }
}
