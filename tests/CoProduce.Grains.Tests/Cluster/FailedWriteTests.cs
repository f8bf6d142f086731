using CoProduce.Grains.Common;
using CoProduce.Grains.Decisions;

namespace CoProduce.Grains.Tests.Cluster;

/// <summary>
/// A domain grain whose state write fails: the caller is told, the activation that tried is deactivated, and the next
/// call is served by a new activation that reads what is stored, so the refused change is nowhere and a retry lands once.
/// </summary>
public abstract class FailedWriteTests(DomainCluster cluster)
{
    [Fact]
    public async Task AVoteWhoseWriteFailsIsNotCountedAndANewActivationServesTheRetry()
    {
        var silos = cluster.Silos;
        var project = await TestProject.Create(silos, staff: 2);
        var voters = project.Staff;
        var decisionId = Guid.NewGuid();
        var created = (await silos[0].GetGrain<IDecisionGrain>(decisionId).Create(
            project.AsFacilitator,
            project.ProjectId,
            new DecisionSpec(
                "Which room?", null, DecisionMethod.ChooseOne, ["Hall", "Library"], OpensAt: null, DateTimeOffset.UtcNow.AddDays(1),
                new Quorum(0, 0), Anonymous: false, HideResultsUntilClose: false, DotsPerPerson: null, MinScore: null, MaxScore: null))).Value;
        var (first, second) = (new Actor(voters[0]), new Actor(voters[1]));
        var ballot = new Ballot(Choice: created.Options[1].Id);
        await silos[0].GetGrain<IDecisionGrain>(decisionId).Vote(first, project.ProjectId, ballot);

        var decision = silos[1].GetGrain<IDecisionGrain>(decisionId);
        var deactivated = cluster.Cluster.WaitForDeactivationAsync(decision);
        cluster.Faults.FailNextWriteOf(decisionId, new InvalidOperationException("Injected: the database refused this write."));
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => decision.Vote(second, project.ProjectId, ballot));
        Assert.IsNotType<DomainException>(refused);
        await deactivated.WaitAsync(TimeSpan.FromSeconds(10));

        var after = (await decision.Get(project.AsFacilitator, project.ProjectId)).Value;
        Assert.Equal([first.PersonId], after.Votes.Select(v => v.PersonId));
        Assert.Equal([first.PersonId], await Voted(decisionId));

        await decision.Vote(second, project.ProjectId, ballot);
        var retried = (await decision.Get(project.AsFacilitator, project.ProjectId)).Value;
        Assert.Equal(2, retried.Voters);
        Assert.Equal([first.PersonId, second.PersonId], await Voted(decisionId));
    }

    private async Task<List<Guid>> Voted(Guid decisionId) =>
        [.. (await cluster.JournalOf("decision", decisionId)).Where(e => e.Is(nameof(VoteCast))).Select(e => e.Member("personId").GetGuid())];
}

[Collection(SqliteDomainClusterCollection.Name)]
public sealed class SqliteFailedWriteTests(SqliteDomainCluster cluster) : FailedWriteTests(cluster);

[Collection(PostgresDomainClusterCollection.Name)]
public sealed class PostgresFailedWriteTests(PostgresDomainCluster cluster) : FailedWriteTests(cluster);
