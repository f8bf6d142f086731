using CoProduce.Grains.Decisions;
using CoProduce.Grains.Decisions.Counting;
using static CoProduce.Grains.Tests.Decisions.Votes;

namespace CoProduce.Grains.Tests.Decisions;

public sealed class ConsentCountTests
{
    [Fact]
    public void MoreAgreeThanDisagreeWithNoBlockPasses()
    {
        var tally = ConsentCount.Tally(Of(Times(3, Consent(ConsentPosition.Agree)), Times(2, Consent(ConsentPosition.Disagree)), Times(4, Consent(ConsentPosition.Abstain)))).Consent!;
        Assert.Equal(new ConsentTally(3, 4, 2, 0, Passes: true), tally);
    }

    [Fact]
    public void OneBlockStopsAnyMajority()
    {
        var tally = ConsentCount.Tally(Of(Times(9, Consent(ConsentPosition.Agree)), Times(1, Consent(ConsentPosition.Block, "unsafe")))).Consent!;
        Assert.Equal(new ConsentTally(9, 0, 0, 1, Passes: false), tally);
    }

    [Fact]
    public void ATieBetweenAgreeAndDisagreeDoesNotPass()
    {
        var tally = ConsentCount.Tally(Of(Times(2, Consent(ConsentPosition.Agree)), Times(2, Consent(ConsentPosition.Disagree)))).Consent!;
        Assert.False(tally.Passes);
    }

    [Fact]
    public void OnlyAbstentionsOrNoVotesDoNotPass()
    {
        Assert.False(ConsentCount.Tally(Of(Times(3, Consent(ConsentPosition.Abstain)))).Consent!.Passes);
        Assert.False(ConsentCount.Tally([]).Consent!.Passes);
    }

    [Fact]
    public void DissentIsListedWithReasonsAndQuorumCountsLivedExperience()
    {
        List<CountedBallot> ballots =
        [
            new(Consent(ConsentPosition.Agree), true, null),
            new(Consent(ConsentPosition.Disagree, "too fast"), false, null),
            new(Consent(ConsentPosition.Block, "no carers asked"), true, null),
        ];
        var results = DecisionCount.Results(DecisionMethod.Consent, [], new Quorum(3, 3), ballots);
        Assert.Equal([new Dissent(ConsentPosition.Disagree, "too fast", null), new Dissent(ConsentPosition.Block, "no carers asked", null)], results.Dissent);
        Assert.Equal(2, results.VotersWithLivedExperience);
        Assert.False(results.QuorumMet);
        Assert.True(DecisionCount.Results(DecisionMethod.Consent, [], new Quorum(3, 2), ballots).QuorumMet);
    }
}
