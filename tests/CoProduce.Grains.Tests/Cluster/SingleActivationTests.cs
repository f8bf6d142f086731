using CoProduce.Grains.Common;
using CoProduce.Grains.Decisions;

namespace CoProduce.Grains.Tests.Cluster;

/// <summary>
/// One decision, a thousand people voting on it at once, half of them through each silo: Orleans keeps one activation
/// of the decision in the cluster (asked of the silos throughout), so every vote is counted once in what the decision
/// shows and journalled once.
/// </summary>
public abstract class SingleActivationTests(DomainCluster cluster)
{
    private const int Voters = 1_000;

    [Fact]
    public async Task AThousandPeopleVotingAtOnceThroughBothSilosAreEachCountedOnceByOneActivation()
    {
        var silos = cluster.Silos;
        Assert.Equal(2, silos.Count);
        var project = await TestProject.Create(silos, staff: Voters);
        var people = project.Staff;
        var decisionId = Guid.NewGuid();
        var decision = (await silos[1].GetGrain<IDecisionGrain>(decisionId).Create(
            project.AsFacilitator,
            project.ProjectId,
            new DecisionSpec(
                "Where should the carers' group meet?", null, DecisionMethod.ChooseOne, ["Library", "Community centre", "Online"],
                OpensAt: null, DateTimeOffset.UtcNow.AddDays(3), new Quorum(0, 0), Anonymous: false, HideResultsUntilClose: false,
                DotsPerPerson: null, MinScore: null, MaxScore: null))).Value;
        var choices = people.Select((person, i) => (Person: person, Choice: decision.Options[i % 3].Id, Silo: silos[i % 2])).ToList();

        // Every call starts at once: half inside silo 1, half inside silo 2, all on the same decision. Meanwhile the
        // silos are asked, every 50 ms, which of them hold the decision.
        using var voting = new CancellationTokenSource();
        var hosts = HostCounts(silos[0].GetGrain<IDecisionGrain>(decisionId), voting.Token);
        var cast = await Task.WhenAll(choices.Select(c => Task.Run(() =>
            c.Silo.GetGrain<IDecisionGrain>(decisionId).Vote(new Actor(c.Person), project.ProjectId, new Ballot(Choice: c.Choice)))));
        await voting.CancelAsync();
        var seen = await hosts;
        Assert.NotEmpty(seen);
        Assert.All(seen, count => Assert.Equal(1, count));

        Assert.All(cast, ballot => Assert.True(ballot.Voted));
        var shown = (await cluster.Client.GetGrain<IDecisionGrain>(decisionId).Get(project.AsFacilitator, project.ProjectId)).Value;
        Assert.Equal(Voters, shown.Voters);
        Assert.Equal(Sorted(people), Sorted(shown.Votes.Select(v => v.PersonId)));
        Assert.All(shown.Votes, v => Assert.Equal(choices.Single(c => c.Person == v.PersonId).Choice, v.Ballot.Choice));
        var expected = choices.GroupBy(c => c.Choice).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected, shown.Results!.Options.ToDictionary(o => o.OptionId, o => o.Backers));

        // The journal holds each vote once, in one gap-free sequence: two activations would have written over each other.
        var journal = await cluster.JournalOf("decision", decisionId);
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(e => e.Sequence));
        var journalled = journal.Where(e => e.Is(nameof(VoteCast))).Select(e => e.Member("personId").GetGuid()).ToList();
        Assert.Equal(Sorted(people), Sorted(journalled));

        Assert.Single(await cluster.HostsOf(silos[0].GetGrain<IDecisionGrain>(decisionId)));
    }

    /// <summary>How many silos held an activation of <paramref name="grain"/>, asked every 50 ms until <paramref name="stop"/>.</summary>
    private async Task<List<int>> HostCounts(IAddressable grain, CancellationToken stop)
    {
        var counts = new List<int>();
        using var every = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        do
        {
            counts.Add((await cluster.HostsOf(grain)).Count);
        }
        while (await Next(every, stop));

        return counts;
    }

    private static async Task<bool> Next(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static List<Guid> Sorted(IEnumerable<Guid> ids) => [.. ids.Order()];
}

[Collection(SqliteDomainClusterCollection.Name)]
public sealed class SqliteSingleActivationTests(SqliteDomainCluster cluster) : SingleActivationTests(cluster);

[Collection(PostgresDomainClusterCollection.Name)]
public sealed class PostgresSingleActivationTests(PostgresDomainCluster cluster) : SingleActivationTests(cluster);
