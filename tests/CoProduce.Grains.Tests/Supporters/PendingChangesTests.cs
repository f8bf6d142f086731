using CoProduce.Grains.Common;

namespace CoProduce.Grains.Tests.Supporters;

public sealed class PendingChangesTests
{
    private static readonly PendingChanges<Change> Changes = new("payments");
    private static readonly Guid Person = Guid.NewGuid();
    private static readonly Guid Supporter = Guid.NewGuid();

    private sealed record Change(Guid Id, Guid ProposedBy) : IPendingChange;

    private static List<Change> Waiting(int count) => [.. Enumerable.Range(0, count).Select(_ => new Change(Guid.NewGuid(), Supporter))];

    [Fact]
    public void AtMostTwentyChangesWaitForThePerson()
    {
        var nineteen = Waiting(19);
        Assert.Equal(20, Changes.Propose(nineteen, new Change(Guid.NewGuid(), Supporter)).Count);

        var refused = Assert.Throws<DomainException>(() => Changes.Propose(Waiting(20), new Change(Guid.NewGuid(), Supporter)));
        Assert.Equal(DomainErrorKind.Conflict, refused.Kind);
    }

    [Fact]
    public void OnlyThePersonConfirmsAndTheChangeLeavesTheList()
    {
        var pending = Waiting(3);
        var refused = Assert.Throws<DomainException>(() => Changes.Confirm(pending, new Actor(Person, Supporter), pending[1].Id));
        Assert.Equal(DomainErrorKind.Forbidden, refused.Kind);

        var confirmed = Changes.Confirm(pending, new Actor(Person), pending[1].Id);
        Assert.Equal(pending[1], confirmed.Change);
        Assert.Equal([pending[0], pending[2]], confirmed.Rest);
        Assert.Equal(Person, confirmed.By);
        Assert.Equal(DomainErrorKind.NotFound, Assert.Throws<DomainException>(() => Changes.Confirm(pending, new Actor(Person), Guid.NewGuid())).Kind);
    }

    [Fact]
    public void ThePersonRejectsAnyChangeAndASupporterWithdrawsOnlyTheirOwn()
    {
        var other = Guid.NewGuid();
        List<Change> pending = [new(Guid.NewGuid(), Supporter), new(Guid.NewGuid(), other)];

        var refused = Assert.Throws<DomainException>(() => Changes.Reject(pending, new Actor(Person, Supporter), pending[1].Id));
        Assert.Equal(DomainErrorKind.Forbidden, refused.Kind);

        var withdrawn = Changes.Reject(pending, new Actor(Person, Supporter), pending[0].Id);
        Assert.Equal(Supporter, withdrawn.By);
        Assert.Equal([pending[1]], withdrawn.Rest);

        var rejected = Changes.Reject(pending, new Actor(Person), pending[1].Id);
        Assert.Equal(Person, rejected.By);
        Assert.Equal([pending[0]], rejected.Rest);
    }
}
