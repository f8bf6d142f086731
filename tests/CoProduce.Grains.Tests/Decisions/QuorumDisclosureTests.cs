using CoProduce.Grains.Decisions;
using CoProduce.Grains.Representation;

namespace CoProduce.Grains.Tests.Decisions;

public sealed class QuorumDisclosureTests
{
    [Theory]
    [InlineData(0, 3, 0, true)]
    [InlineData(0, 3, 3, true)]
    [InlineData(4, 3, 3, false)]
    public void AQuorumWithoutALivedExperiencePartIsAlwaysSaid(int minimumVoters, int voters, int lived, bool met)
    {
        foreach (var open in new[] { true, false })
        {
            Assert.Equal((met, (string?)null), QuorumDisclosure.Shown(new Quorum(minimumVoters, 0), voters, lived, open));
        }
    }

    [Fact]
    public void WhileOpenALivedExperienceQuorumIsNeverSaidFromTheBallots()
    {
        // A quorum of 1: whether the last voter has lived experience or not, the answer is the same.
        Assert.Equal((null, QuorumDisclosure.WhileOpen), QuorumDisclosure.Shown(new Quorum(2, 1), voters: 3, withLivedExperience: 0, open: true));
        Assert.Equal((null, QuorumDisclosure.WhileOpen), QuorumDisclosure.Shown(new Quorum(2, 1), voters: 3, withLivedExperience: 1, open: true));
        Assert.Equal((null, QuorumDisclosure.WhileOpen), QuorumDisclosure.Shown(new Quorum(0, 5), voters: 20, withLivedExperience: 10, open: true));
    }

    [Theory]
    [InlineData(2, 1, 1, 0)]
    [InlineData(2, 1, 1, 1)]
    [InlineData(0, 3, 2, 2)]
    public void TooFewVotersForEitherMinimumIsNotMetWhateverTheyAre(int minimumVoters, int minimumWithLived, int voters, int lived)
    {
        foreach (var open in new[] { true, false })
        {
            Assert.Equal((false, (string?)null), QuorumDisclosure.Shown(new Quorum(minimumVoters, minimumWithLived), voters, lived, open));
        }
    }

    [Theory]
    [InlineData(1, 3, 1)]
    [InlineData(1, 7, 4)]
    [InlineData(5, 7, 6)]
    [InlineData(1, 12, 9)]
    public void AtCloseItIsWithheldWheneverTheCountOfVotersWithLivedExperienceIsHidden(int minimumWithLived, int voters, int lived) =>
        Assert.Equal((null, QuorumDisclosure.Withheld), QuorumDisclosure.Shown(new Quorum(0, minimumWithLived), voters, lived, open: false));

    [Theory]
    [InlineData(1, 10, 5, true)]
    [InlineData(6, 10, 5, false)]
    [InlineData(1, 6, 0, false)]
    [InlineData(3, 6, 6, true)]
    public void AtCloseItIsSaidWhenTheCountIsShownAnyway(int minimumWithLived, int voters, int lived, bool met) =>
        Assert.Equal((met, (string?)null), QuorumDisclosure.Shown(new Quorum(0, minimumWithLived), voters, lived, open: false));

    [Fact]
    public void ItNeverSaysMoreThanThePublishedCountForAnySmallDecision()
    {
        // Every decision of up to 30 voters and every quorum: where the count is hidden, the answer is the same for
        // every count it could be, so nothing can be learned from it.
        for (var voters = 0; voters <= 30; voters++)
        {
            for (var required = 1; required <= 12; required++)
            {
                var answers = Enumerable.Range(0, voters + 1)
                    .Where(lived => !Suppression.SafeShare(lived, voters))
                    .Select(lived => QuorumDisclosure.Shown(new Quorum(0, required), voters, lived, open: false).Met)
                    .Distinct()
                    .ToList();
                Assert.True(answers.Count <= 1, $"{voters} voters, quorum {required}: {string.Join(", ", answers)}");
            }
        }
    }
}
