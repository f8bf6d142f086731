using CoProduce.Grains.Common;
using CoProduce.Grains.Decisions;
using CoProduce.Testing;

namespace CoProduce.Grains.Tests.Cluster;

/// <summary>
/// A decision closes at its closing time by its Orleans reminder, kept in the cluster's reminder table (SQLite or PostgreSQL):
/// also when the silo holding the decision has stopped before then. The remaining silo owns every reminder by then,
/// fires this one, activates the decision there and closes it, once, with the votes cast before.
/// </summary>
public abstract class ReminderTests(DomainCluster cluster)
{
    /// <summary>Long enough for the silo to stop before the closing time (it takes well under a second), short enough for a fast suite.</summary>
    private static readonly TimeSpan OpenFor = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task ADecisionClosesByItsReminderOnTheOtherSiloAfterItsOwnStops()
    {
        var silos = cluster.Silos;
        var project = await TestProject.Create(silos, staff: 3);
        var voters = project.Staff;
        var decisionId = Guid.NewGuid();
        var decision = silos[1].GetGrain<IDecisionGrain>(decisionId);
        var created = (await decision.Create(
            project.AsFacilitator,
            project.ProjectId,
            new DecisionSpec(
                "When should the group meet?", null, DecisionMethod.ChooseOne, ["Mornings", "Evenings"], OpensAt: null,
                DateTimeOffset.UtcNow + OpenFor, new Quorum(0, 0), Anonymous: false, HideResultsUntilClose: false,
                DotsPerPerson: null, MinScore: null, MaxScore: null))).Value;
        foreach (var (voter, i) in voters.Select((v, i) => (v, i)))
        {
            await silos[i % 2].GetGrain<IDecisionGrain>(decisionId).Vote(new Actor(voter), project.ProjectId, new Ballot(Choice: created.Options[i % 2].Id));
        }

        var host = Assert.Single(await cluster.HostsOf(decision));
        try
        {
            await cluster.Cluster.StopSiloAsync(cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
            var remaining = Assert.Single(cluster.Cluster.GetActiveSilos()).SiloAddress;
            var other = cluster.Silos[0].GetGrain<IDecisionGrain>(decisionId);

            // Still open after the stop, so it is the other silo that closes it.
            var beforeClosing = (await other.Get(project.AsFacilitator, project.ProjectId)).Value;
            Assert.True(DateTimeOffset.UtcNow < created.ClosesAt, "The silo took until the closing time to stop; nothing was shown.");
            Assert.Equal(DecisionStatus.Open, beforeClosing.Status);

            var closed = await Eventually.Until(
                async () => (await other.Get(project.AsFacilitator, project.ProjectId)).Value,
                d => d.Status == DecisionStatus.Closed,
                OpenFor + TimeSpan.FromSeconds(20),
                "the decision closed by its reminder");

            Assert.Null(closed.ClosedBy);
            Assert.True(closed.ClosedAt >= created.ClosesAt, $"Closed at {closed.ClosedAt:O}, before its closing time {created.ClosesAt:O}.");
            Assert.Equal(3, closed.Results!.Voters);
            Assert.Equal([remaining], await cluster.HostsOf(other));
            var journal = await cluster.JournalOf("decision", decisionId);
            Assert.Single(journal, e => e.Is(nameof(DecisionClosed)));
        }
        finally
        {
            await cluster.RestoreTwoSilosAsync();
        }
    }
}

[Collection(SqliteDomainClusterCollection.Name)]
public sealed class SqliteReminderTests(SqliteDomainCluster cluster) : ReminderTests(cluster);

[Collection(PostgresDomainClusterCollection.Name)]
public sealed class PostgresReminderTests(PostgresDomainCluster cluster) : ReminderTests(cluster);
