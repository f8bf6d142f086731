using System.Net;
using CoProduce.Gateway.Tests.Decisions;
using CoProduce.Live;
using CoProduce.Testing;

namespace CoProduce.Gateway.Tests.Live;

/// <summary>
/// Over the hub, ballots in an open anonymous decision push nothing (no tally, no number of voters) to anyone in
/// the session; closing pushes the results. Closing is journalled after the ballots by the same grain, so its
/// arrival shows that everything the ballots could have pushed has been pushed.
/// </summary>
public abstract class LiveAnonymousTallyTests(ITestDatabase database)
{
    [Fact]
    public async Task BallotsInAnOpenAnonymousDecisionPushNothingAndClosingPushesTheResults()
    {
        await using var world = await LiveWorld.Create(database);
        var decisions = new DecisionProject(world.People);
        var decision = await decisions.Decide("ChooseOne", ["Library", "Community centre"], extra: new { anonymous = true });
        var decisionId = DecisionProject.Id(decision);
        var library = DecisionProject.Option(decision, 0);
        var facilitator = await world.Join(world.People.Facilitator);
        var watchers = new[] { world.Log(facilitator), world.Log(await world.Join(world.People.Observer)), world.Log(await world.Join(world.People.ThirdContributor)) };
        var contributor = await world.Join(world.People.Contributor);

        await contributor.Hub.Vote(new VoteRequest(world.ProjectId, decisionId, new LiveBallot(Choice: library)));
        await decisions.Vote(decision, world.People.SecondContributor, new { choice = library }).Expect(HttpStatusCode.OK);
        await contributor.Hub.Vote(new VoteRequest(world.ProjectId, decisionId, new LiveBallot(Choice: DecisionProject.Option(decision, 1))));
        await facilitator.Hub.CloseDecision(new CloseDecisionRequest(world.ProjectId, decisionId));

        foreach (var watcher in watchers)
        {
            var closed = await watcher.Next<DecisionClosed>(c => c.DecisionId == decisionId);
            Assert.Equal(2, closed.Voters);
            Assert.Equal(1, closed.Results.Options.Single(o => o.OptionId == library).Backers);
            Assert.DoesNotContain(watcher.All<TallyChanged>(), t => t.DecisionId == decisionId);
        }
    }

    [Fact]
    public async Task TheControlABallotInADecisionThatIsNotAnonymousIsPushed()
    {
        await using var world = await LiveWorld.Create(database);
        var decisions = new DecisionProject(world.People);
        var decision = await decisions.Decide("ChooseOne", ["Library", "Community centre"], extra: new { hideResultsUntilClose = true });
        var decisionId = DecisionProject.Id(decision);
        var watcher = world.Log(await world.Join(world.People.Observer));
        var contributor = await world.Join(world.People.Contributor);
        await contributor.Hub.Vote(new VoteRequest(world.ProjectId, decisionId, new LiveBallot(Choice: DecisionProject.Option(decision, 0))));
        var tally = await watcher.Next<TallyChanged>(t => t.DecisionId == decisionId);
        Assert.Equal((1, null), (tally.Voters, tally.Tally));
    }
}

public sealed class SqliteLiveAnonymousTallyTests(SqliteDatabase database) : LiveAnonymousTallyTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresLiveAnonymousTallyTests(PostgresDatabase database) : LiveAnonymousTallyTests(database), IClassFixture<PostgresDatabase>;
