using System.Net;

namespace CoProduce.Gateway.Tests.Decisions;

public abstract class DecisionRefusalApiTests(GatewayDatabase database)
{
    [Fact]
    public async Task EveryRefusedVoteSaysWhyAndChangesNothing()
    {
        var app = database.Shared;
        var world = await DecisionProject.Create(app);
        var people = world.People;
        var choose = await world.Decide("ChooseOne", ["Library", "Community centre"]);
        var consent = await world.Decide("Consent");
        var before = (await world.Snapshot(choose), await world.Snapshot(consent));

        await world.Vote(choose, people.Stranger, new { choice = DecisionProject.Option(choose, 0) }).Expect(HttpStatusCode.NotFound);
        await world.Vote(choose, people.OtherOrganisationAdmin, new { choice = DecisionProject.Option(choose, 0) }).Expect(HttpStatusCode.NotFound);
        await world.Vote(choose, people.Observer, new { choice = DecisionProject.Option(choose, 0) }).Expect(HttpStatusCode.Forbidden);
        await world.Vote(choose, people.FinanceStaff, new { choice = DecisionProject.Option(choose, 0) }).Expect(HttpStatusCode.Forbidden);
        var unknown = await (await world.Vote(choose, people.Contributor, new { choice = Guid.NewGuid() }).Expect(HttpStatusCode.BadRequest)).Json();
        Assert.Contains("is not an option of this decision", unknown.GetProperty("detail").GetString());
        await world.Vote(choose, people.Contributor, new { position = "Agree" }).Expect(HttpStatusCode.BadRequest);
        var block = await (await world.Vote(consent, people.Contributor, new { position = "Block" }).Expect(HttpStatusCode.BadRequest)).Json();
        Assert.True(block.GetProperty("errors").TryGetProperty("reason", out _));
        await world.Vote(consent, people.Contributor, new { position = "Block", reason = "   " }).Expect(HttpStatusCode.BadRequest);

        // A number in quotes is a wrong type on every endpoint, not only where money is read.
        var dots = await world.Decide("DotVote", ["Library", "Community centre"], new { dotsPerPerson = 3 });
        var dotsBefore = await world.Snapshot(dots);
        var quoted = new Dictionary<string, object> { ["dots"] = new Dictionary<string, string> { [DecisionProject.Option(dots, 0).ToString()] = "2" } };
        await world.Vote(dots, people.Contributor, quoted).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(dotsBefore, await world.Snapshot(dots));

        // Another project's id with this decision's id is not this decision.
        await world.As(people.Facilitator).GetAsync($"/api/projects/{Guid.NewGuid()}/decisions/{DecisionProject.Id(choose)}").Expect(HttpStatusCode.NotFound);
        await world.As(people.Stranger).GetAsync($"{world.Url}/{DecisionProject.Id(choose)}").Expect(HttpStatusCode.NotFound);
        Assert.Equal(before, (await world.Snapshot(choose), await world.Snapshot(consent)));
    }

    [Fact]
    public async Task AVoteAfterCloseIsRefused()
    {
        var app = database.Shared;
        var world = await DecisionProject.Create(app);
        var decision = await world.Decide("Consent");
        await world.Vote(decision, world.People.Contributor, new { position = "Agree" }).Expect(HttpStatusCode.OK);
        await world.Close(decision).Expect(HttpStatusCode.OK);
        var closed = await world.Snapshot(decision);

        var refused = await (await world.Vote(decision, world.People.Contributor, new { position = "Disagree" }).Expect(HttpStatusCode.Conflict)).Json();
        Assert.Contains("closed", refused.GetProperty("detail").GetString());
        await world.Vote(decision, world.People.SecondContributor, new { position = "Agree" }).Expect(HttpStatusCode.Conflict);
        await world.Close(decision).Expect(HttpStatusCode.Conflict);
        Assert.Equal(closed, await world.Snapshot(decision));
    }

    [Fact]
    public async Task OnlyFacilitatorsCreateCloseAndRecordOutcomes()
    {
        var app = database.Shared;
        var world = await DecisionProject.Create(app);
        var decision = await world.Decide("Consent");
        var url = $"{world.Url}/{DecisionProject.Id(decision)}";
        foreach (var person in new[] { world.People.Contributor, world.People.Observer })
        {
            await world.Post("Consent", by: person).Expect(HttpStatusCode.Forbidden);
            await world.As(person).PostAsync($"{url}/close", null).Expect(HttpStatusCode.Forbidden);
            await world.As(person).PostJson($"{url}/outcome", new { statement = "Done", reviewDate = DateTimeOffset.UtcNow.AddDays(30) })
                .Expect(HttpStatusCode.Forbidden);
        }

        await world.Post("Consent", by: world.People.Stranger).Expect(HttpStatusCode.NotFound);
        await world.As(world.People.StaffFacilitator).PostAsync($"{url}/close", null).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ABadProposalIsRefusedAndNothingIsCreated()
    {
        var app = database.Shared;
        var world = await DecisionProject.Create(app);
        await world.Post("Consent", ["Yes", "No"]).Expect(HttpStatusCode.BadRequest);
        await world.Post("ChooseOne", ["Only one"]).Expect(HttpStatusCode.BadRequest);
        await world.Post("ChooseOne", [.. Enumerable.Range(0, 21).Select(i => $"Option {i}")]).Expect(HttpStatusCode.BadRequest);
        await world.Post("ChooseOne", ["Same", "same"]).Expect(HttpStatusCode.BadRequest);
        await world.Post("ChooseOne", ["A", "B"], closesAt: DateTimeOffset.UtcNow.AddMinutes(-1)).Expect(HttpStatusCode.BadRequest);
        await world.Post("DotVote", ["A", "B"]).Expect(HttpStatusCode.BadRequest);
        await world.Post("ChooseOne", ["A", "B"], new { dotsPerPerson = 3 }).Expect(HttpStatusCode.BadRequest);
        await world.Post("Score", ["A", "B"], new { minScore = 5, maxScore = 5 }).Expect(HttpStatusCode.BadRequest);
        await world.Post("TimePoll", ["Tuesday", "Wednesday"]).Expect(HttpStatusCode.BadRequest);
        await world.Post("Consent", extra: new { minimumVoters = -1 }).Expect(HttpStatusCode.BadRequest);
        var list = await (await world.As(world.People.Facilitator).GetAsync(world.Url).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }
}

public sealed class SqliteDecisionRefusalApiTests(SqliteGateway database) : DecisionRefusalApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresDecisionRefusalApiTests(PostgresGateway database) : DecisionRefusalApiTests(database), IClassFixture<PostgresGateway>;
