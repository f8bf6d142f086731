using System.Net;
using System.Text.Json;

namespace CoProduce.Gateway.Tests.Decisions;

public abstract class DecisionVotingApiTests(GatewayDatabase database)
{
    [Fact]
    public async Task ConsentCountsPositionsAndRecordsDissentWithReasons()
    {
        var app = database.Shared;
        var world = await DecisionProject.Create(app);
        var people = world.People;
        var decision = await world.Decide("Consent");
        await world.Vote(decision, people.Contributor, new { position = "Agree" }).Expect(HttpStatusCode.OK);
        await world.Vote(decision, people.SecondContributor, new { position = "Disagree", reason = "Evenings are hard for carers" }).Expect(HttpStatusCode.OK);
        await world.Vote(decision, people.ThirdContributor, new { position = "Block", reason = "No step-free access" }).Expect(HttpStatusCode.OK);

        var results = (await world.Read(decision)).GetProperty("results");
        var consent = results.GetProperty("consent");
        Assert.Equal((1, 1, 1, false), (consent.GetProperty("agree").GetInt32(), consent.GetProperty("disagree").GetInt32(),
            consent.GetProperty("block").GetInt32(), consent.GetProperty("passes").GetBoolean()));
        var dissent = results.GetProperty("dissent").EnumerateArray().ToList();
        Assert.Equal(2, dissent.Count);
        Assert.Equal(people.ThirdContributor, dissent.Single(d => d.GetProperty("position").GetString() == "Block").GetProperty("personId").GetGuid());
        Assert.Contains(dissent, d => d.GetProperty("reason").GetString() == "Evenings are hard for carers");
    }

    [Fact]
    public async Task AChangedVoteReplacesTheEarlierOne()
    {
        var app = database.Shared;
        var world = await DecisionProject.Create(app);
        var decision = await world.Decide("ChooseOne", ["Library", "Community centre"]);
        var contributor = world.People.Contributor;
        await world.Vote(decision, contributor, new { choice = DecisionProject.Option(decision, 0) }).Expect(HttpStatusCode.OK);
        await world.Vote(decision, contributor, new { choice = DecisionProject.Option(decision, 1) }).Expect(HttpStatusCode.OK);

        var read = await world.Read(decision);
        Assert.Equal(1, read.GetProperty("voters").GetInt32());
        Assert.Equal(DecisionProject.Option(decision, 1), read.GetProperty("results").GetProperty("winners")[0].GetGuid());
        var mine = await (await world.As(contributor).GetAsync($"{world.Url}/{DecisionProject.Id(decision)}/ballot").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(DecisionProject.Option(decision, 1), mine.GetProperty("ballot").GetProperty("choice").GetGuid());
    }

    [Fact]
    public async Task TheSameVoteSentAgainIsCountedAndJournalledOnce()
    {
        var app = database.Shared;
        var world = await DecisionProject.Create(app);
        var decision = await world.Decide("Consent");
        var contributor = world.People.Contributor;
        var first = await (await world.Vote(decision, contributor, new { position = "Disagree", reason = "Too far" }).Expect(HttpStatusCode.OK)).Json();

        // A retry whose first answer was lost: the vote stands as first cast.
        var again = await (await world.Vote(decision, contributor, new { position = "Disagree", reason = "Too far" }).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(first.GetProperty("castAt").GetDateTimeOffset(), again.GetProperty("castAt").GetDateTimeOffset());
        Assert.Equal(1, (await world.Read(decision)).GetProperty("voters").GetInt32());
        Assert.Single(await Scenario.Journal(app, "decision", DecisionProject.Id(decision)), e => e.Type == "VoteCast");

        await world.Vote(decision, contributor, new { position = "Disagree", reason = "Too far by bus" }).Expect(HttpStatusCode.OK);
        Assert.Equal(2, (await Scenario.Journal(app, "decision", DecisionProject.Id(decision))).Count(e => e.Type == "VoteCast"));
    }

    [Fact]
    public async Task ATieIsReportedAsATie()
    {
        var app = database.Shared;
        var world = await DecisionProject.Create(app);
        var decision = await world.Decide("DotVote", ["Library", "Community centre", "Online"], new { dotsPerPerson = 3 });
        var (a, b) = (DecisionProject.Option(decision, 0), DecisionProject.Option(decision, 1));
        await world.Vote(decision, world.People.Contributor, new { dots = new Dictionary<Guid, int> { [a] = 2, [b] = 1 } }).Expect(HttpStatusCode.OK);
        await world.Vote(decision, world.People.SecondContributor, new { dots = new Dictionary<Guid, int> { [b] = 1 } }).Expect(HttpStatusCode.OK);
        await world.Vote(decision, world.People.ThirdContributor, new { dots = new Dictionary<Guid, int> { [a] = 1, [b] = 4 } })
            .Expect(HttpStatusCode.BadRequest);

        var results = (await world.Read(decision)).GetProperty("results");
        Assert.True(results.GetProperty("tie").GetBoolean());
        Assert.Equal([a, b], results.GetProperty("winners").EnumerateArray().Select(w => w.GetGuid()));
    }

    [Fact]
    public async Task HiddenResultsAppearOnlyAtClose()
    {
        var app = database.Shared;
        var world = await DecisionProject.Create(app);
        var decision = await world.Decide("RankedChoice", ["Library", "Community centre"], new { hideResultsUntilClose = true });
        await world.Vote(decision, world.People.Contributor, new { ranking = new[] { DecisionProject.Option(decision, 1) } }).Expect(HttpStatusCode.OK);

        var open = await world.Read(decision, world.People.SecondContributor);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, open.GetProperty("results").ValueKind);
        Assert.Empty(open.GetProperty("votes").EnumerateArray());
        Assert.Equal(1, open.GetProperty("voters").GetInt32());

        var closed = await (await world.Close(decision).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        Assert.Equal(DecisionProject.Option(decision, 1), closed.GetProperty("results").GetProperty("winners")[0].GetGuid());
        Assert.Single(closed.GetProperty("votes").EnumerateArray());
    }

    [Fact]
    public async Task QuorumNeedsEnoughVotersWithLivedExperience()
    {
        var app = database.Shared;
        var world = await DecisionProject.Create(app);
        var decision = await world.Decide("Consent", extra: new { minimumVoters = 2, minimumWithLivedExperience = 1 });

        // One voter is too few whoever they are, so that much is said.
        await world.Vote(decision, world.People.SecondContributor, new { position = "Agree" }).Expect(HttpStatusCode.OK);
        var one = (await world.Read(decision)).GetProperty("results");
        Assert.False(one.GetProperty("quorumMet").GetBoolean());
        Assert.Equal(JsonValueKind.Null, one.GetProperty("quorumWithheld").ValueKind);

        // From two voters on, whether it is met would say whether a voter has lived experience: while the decision is
        // open it is not said, so Ada's ballot (she has lived experience, as her own profile says) changes nothing.
        await world.Vote(decision, world.People.ThirdContributor, new { position = "Abstain" }).Expect(HttpStatusCode.OK);
        var two = (await world.Read(decision)).GetProperty("results");
        await world.Vote(decision, world.People.Contributor, new { position = "Agree" }).Expect(HttpStatusCode.OK);
        var three = (await world.Read(decision)).GetProperty("results");
        foreach (var open in new[] { two, three })
        {
            Assert.Equal(JsonValueKind.Null, open.GetProperty("quorumMet").ValueKind);
            Assert.Equal(JsonValueKind.Null, open.GetProperty("votersWithLivedExperience").ValueKind);
        }

        Assert.Equal(two.GetProperty("quorumWithheld").GetString(), three.GetProperty("quorumWithheld").GetString());

        // At close, 1 of 3 is too few to show, and so is whether the quorum of 1 was met: each for its own reason.
        var closed = (await (await world.Close(decision).Expect(HttpStatusCode.OK)).Json()).GetProperty("results");
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("quorumMet").ValueKind);
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("votersWithLivedExperience").ValueKind);
        Assert.NotEqual(three.GetProperty("livedExperienceSuppressed").GetString(), closed.GetProperty("livedExperienceSuppressed").GetString());
        Assert.NotEqual(three.GetProperty("quorumWithheld").GetString(), closed.GetProperty("quorumWithheld").GetString());
        Assert.False(string.IsNullOrWhiteSpace(closed.GetProperty("quorumWithheld").GetString()));
    }

    [Fact]
    public async Task DecisionsAreListedNewestFirstAPageAtATime()
    {
        var app = database.Shared;
        var world = await DecisionProject.Create(app);
        var first = await world.Decide("Consent");
        var second = await world.Decide("TimePoll", ["2026-09-01T14:00:00Z", "2026-09-02T18:30:00+01:00"]);
        Assert.Equal("2026-09-02T17:30:00Z", second.GetProperty("options")[1].GetProperty("label").GetString());

        var page = await (await world.As(world.People.Observer).GetAsync($"{world.Url}?limit=1").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.Equal(DecisionProject.Id(second), page.GetProperty("items")[0].GetProperty("id").GetGuid());
        var next = await (await world.As(world.People.Contributor).GetAsync($"{world.Url}?offset=1").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(DecisionProject.Id(first), next.GetProperty("items")[0].GetProperty("id").GetGuid());
        await world.As(world.People.Stranger).GetAsync(world.Url).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ARetriedCreateWithTheSameKeyMakesOneDecision()
    {
        var app = database.Shared;
        var world = await DecisionProject.Create(app);
        var body = new { title = "Pay rates", method = "Score", options = new[] { "£20", "£25" }, closesAt = DateTimeOffset.UtcNow.AddDays(1) };
        string[] answers = new string[2];
        for (var i = 0; i < 2; i++)
        {
            var request = Scenario.Request(HttpMethod.Post, world.Url, body);
            request.Headers.Add("Idempotency-Key", "decide-pay-rates");
            answers[i] = await (await world.As(world.People.Facilitator).SendAsync(request)).Content.ReadAsStringAsync();
        }

        Assert.Equal(answers[0], answers[1]);
        var list = await (await world.As(world.People.Facilitator).GetAsync(world.Url).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }
}

public sealed class SqliteDecisionVotingApiTests(SqliteGateway database) : DecisionVotingApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresDecisionVotingApiTests(PostgresGateway database) : DecisionVotingApiTests(database), IClassFixture<PostgresGateway>;
