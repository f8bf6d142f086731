using System.Net;
using CoProduce.Gateway.Tests.Decisions;
using CoProduce.Live;
using CoProduce.Testing;

namespace CoProduce.Gateway.Tests.Live;

public abstract class LiveAgendaAndVotingTests(ITestDatabase database)
{
    [Fact]
    public async Task AgendaChangesFromTheHubAndTheApiReachEveryone()
    {
        await using var world = await LiveWorld.Create(database);
        var observer = world.Log(await world.Join(world.People.Observer));
        var contributor = await world.Join(world.People.Contributor);

        var item = await contributor.Hub.ProposeItem(new ProposeItemRequest(world.ProjectId, "Night-time phone line"));
        Assert.Equal(item, (await observer.Next<AgendaItemProposed>()).Item);
        var viaApi = await world.People.Propose(world.People.SecondContributor, "Respite at weekends");
        Assert.Equal("Respite at weekends", (await observer.Next<AgendaItemProposed>(p => p.Item.Id == viaApi.GetProperty("id").GetGuid())).Item.Title);

        var facilitator = await world.Join(world.People.Facilitator);
        await world.People.OpenRanking("DotVote", 5).Expect(HttpStatusCode.OK);
        await observer.Next<AgendaRankingOpened>();
        await contributor.Hub.PlaceDots(new PlaceDotsRequest(world.ProjectId, new Dictionary<Guid, int> { [item.Id] = 3 }));
        var ranking = await observer.Next<AgendaRankingChanged>(r => r.Voters == 1);
        Assert.Equal((item.Id, 1, 3m), (ranking.Ranking[0].ItemId, ranking.Ranking[0].Position, ranking.Ranking[0].Score));
        Assert.NotNull(facilitator.Joined);
    }

    [Fact]
    public async Task TwoPeopleEditingAtOnceNeverLoseAnEdit()
    {
        await using var world = await LiveWorld.Create(database);
        var contributor = await world.Join(world.People.Contributor);
        var facilitator = await world.Join(world.People.Facilitator);
        var log = world.Log(facilitator);
        var item = await contributor.Hub.ProposeItem(new ProposeItemRequest(world.ProjectId, "Night-time phone line"));

        // Both start from the same version: one edit lands, the other is refused, not silently overwritten.
        var edits = await Task.WhenAll(
            Attempt(() => contributor.Hub.EditItem(new EditItemRequest(world.ProjectId, item.Id, "Night-time phone line, 24 hours", null, null, item.Version))),
            Attempt(() => facilitator.Hub.EditItem(new EditItemRequest(world.ProjectId, item.Id, "Night phone line", "Staffed by peers", null, item.Version))));
        Assert.Single(edits, e => e is null);
        var refusal = Assert.Single(edits, e => e is not null)!;
        Assert.Equal("PreconditionFailed", refusal.Kind);

        // The one refused sees the change live, and applies theirs to the new version.
        var landed = await log.Next<AgendaItemEdited>();
        var retried = landed.By == world.People.Contributor
            ? await facilitator.Hub.EditItem(new EditItemRequest(world.ProjectId, item.Id, landed.Item.Title, "Staffed by peers", null, landed.Item.Version))
            : await contributor.Hub.EditItem(new EditItemRequest(world.ProjectId, item.Id, "Night-time phone line, 24 hours", landed.Item.Description, null, landed.Item.Version));
        var edited = log.All<AgendaItemEdited>().Count == 2 ? log.All<AgendaItemEdited>() : [landed, await log.Next<AgendaItemEdited>(e => e.Item.Version == retried.Version)];
        Assert.Equal([item.Version + 1, item.Version + 2], edited.Select(e => e.Item.Version));
        Assert.Equal(retried, edited[1].Item);
        Assert.NotNull(retried.Description);
    }

    [Fact]
    public async Task VotesPushTalliesAndClosingPushesResults()
    {
        await using var world = await LiveWorld.Create(database);
        var decisions = new DecisionProject(world.People);
        var decision = await decisions.Decide("ChooseOne", ["Library", "Community centre"]);
        var decisionId = DecisionProject.Id(decision);
        var library = DecisionProject.Option(decision, 0);
        var observer = world.Log(await world.Join(world.People.Observer));
        var first = await world.Join(world.People.Contributor);
        var second = await world.Join(world.People.SecondContributor);

        await first.Hub.Vote(new VoteRequest(world.ProjectId, decisionId, new LiveBallot(Choice: library)));
        var tally = await observer.Next<TallyChanged>(t => t.Voters == 1);
        Assert.Equal(1, tally.Tally!.Options.Single(o => o.OptionId == library).Backers);

        // A changed vote replaces the earlier one; a vote over HTTP is pushed too.
        await first.Hub.Vote(new VoteRequest(world.ProjectId, decisionId, new LiveBallot(Choice: DecisionProject.Option(decision, 1))));
        await observer.Next<TallyChanged>(t => t.Voters == 1 && t.Tally!.Options.Single(o => o.OptionId == library).Backers == 0);
        await decisions.Vote(decision, world.People.SecondContributor, new { choice = library }).Expect(HttpStatusCode.OK);
        await observer.Next<TallyChanged>(t => t.Voters == 2);

        await LiveAssert.Refused("Forbidden", () => second.Hub.CloseDecision(new CloseDecisionRequest(world.ProjectId, decisionId)));
        var facilitator = await world.Join(world.People.Facilitator);
        await facilitator.Hub.CloseDecision(new CloseDecisionRequest(world.ProjectId, decisionId));
        var closed = await observer.Next<DecisionClosed>();
        Assert.Equal((decisionId, 2), (closed.DecisionId, closed.Voters));
        Assert.Equal(2, closed.Results.Options.Sum(o => o.Backers));
        await LiveAssert.Refused("Conflict", () => first.Hub.Vote(new VoteRequest(world.ProjectId, decisionId, new LiveBallot(Choice: library))));
    }

    [Fact]
    public async Task HiddenTalliesStayHiddenUntilClose()
    {
        await using var world = await LiveWorld.Create(database);
        var decisions = new DecisionProject(world.People);
        var decision = await decisions.Decide("Consent", extra: new { hideResultsUntilClose = true });
        var decisionId = DecisionProject.Id(decision);
        var contributor = await world.Join(world.People.Contributor);
        var log = world.Log(await world.Join(world.People.Facilitator));

        await contributor.Hub.Vote(new VoteRequest(world.ProjectId, decisionId, new LiveBallot(Position: "Agree")));
        var tally = await log.Next<TallyChanged>();
        Assert.Equal((1, null), (tally.Voters, tally.Tally));

        await decisions.Close(decision).Expect(HttpStatusCode.OK);
        var closed = await log.Next<DecisionClosed>();
        Assert.Equal(1, closed.Results.Consent!.Agree);
    }

    [Fact]
    public async Task ABallotWithAnUnknownPositionIsRefusedAndNothingIsCounted()
    {
        await using var world = await LiveWorld.Create(database);
        var decisions = new DecisionProject(world.People);
        var decision = await decisions.Decide("Consent");
        var contributor = await world.Join(world.People.Contributor);
        await LiveAssert.Refused("Invalid", () => contributor.Hub.Vote(new VoteRequest(world.ProjectId, DecisionProject.Id(decision), new LiveBallot(Position: "Maybe"))));
        await LiveAssert.Refused("Invalid", () => contributor.Hub.Vote(new VoteRequest(world.ProjectId, DecisionProject.Id(decision), new LiveBallot(Position: "1"))));
        Assert.Equal(0, (await decisions.Read(decision)).GetProperty("voters").GetInt32());
    }

    private static async Task<Client.Live.LiveError?> Attempt(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (Microsoft.AspNetCore.SignalR.HubException e)
        {
            return Client.Live.LiveError.From(e);
        }
    }
}

public sealed class SqliteLiveAgendaAndVotingTests(SqliteDatabase database) : LiveAgendaAndVotingTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresLiveAgendaAndVotingTests(PostgresDatabase database) : LiveAgendaAndVotingTests(database), IClassFixture<PostgresDatabase>;
