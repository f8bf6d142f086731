using System.Net;
using CoProduce.Testing;

namespace CoProduce.Gateway.Tests.Decisions;

public abstract class DecisionClosingApiTests(ITestDatabase database)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ADecisionClosesOnTimeAcrossARestart()
    {
        string url;
        Guid facilitator, id;
        await using (var app = new GatewayApplication(database, DecisionProject.FastReminders))
        {
            var world = await DecisionProject.Create(app);
            var decision = await world.Decide("ChooseOne", ["Library", "Community centre"], closesAt: DateTimeOffset.UtcNow.AddSeconds(2));
            id = DecisionProject.Id(decision);
            (url, facilitator) = ($"{world.Url}/{id}", world.People.Facilitator);
            await world.Vote(decision, world.People.Contributor, new { choice = DecisionProject.Option(decision, 0) }).Expect(HttpStatusCode.OK);
        }

        // Nothing runs while the gateway is down; the new one finds the reminder in the database.
        await using var restarted = new GatewayApplication(database, DecisionProject.FastReminders);
        await Scenario.NextEvent(restarted, "decision", id, "DecisionClosed", Patience);
        var closed = await (await restarted.CreateClient(facilitator).GetAsync(url).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, closed.GetProperty("closedBy").ValueKind);
        Assert.Equal(1, closed.GetProperty("results").GetProperty("voters").GetInt32());
        Assert.True(closed.GetProperty("closedAt").GetDateTimeOffset() >= closed.GetProperty("closesAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task AnOutcomeClosesTheDecisionAndItsReviewDateComesBack()
    {
        await using var app = new GatewayApplication(database, DecisionProject.FastReminders);
        var world = await DecisionProject.Create(app);
        var decision = await world.Decide("Consent");
        await world.Vote(decision, world.People.Contributor, new { position = "Agree" }).Expect(HttpStatusCode.OK);
        var url = $"{world.Url}/{DecisionProject.Id(decision)}/outcome";
        await world.As(world.People.Facilitator).PostJson(url, new { statement = "Meet at the library", reviewDate = DateTimeOffset.UtcNow.AddMinutes(-1) })
            .Expect(HttpStatusCode.BadRequest);

        var decided = await (await world.As(world.People.Facilitator)
            .PostJson(url, new { statement = "Meet at the library", reviewDate = DateTimeOffset.UtcNow.AddSeconds(2) })
            .Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Decided", decided.GetProperty("status").GetString());
        Assert.True(decided.GetProperty("results").GetProperty("consent").GetProperty("passes").GetBoolean());
        await world.As(world.People.Facilitator).PostJson(url, new { statement = "Again", reviewDate = DateTimeOffset.UtcNow.AddDays(1) })
            .Expect(HttpStatusCode.Conflict);

        await Scenario.NextEvent(app, "decision", DecisionProject.Id(decision), "ReviewDue", Patience);
        var reviewed = await world.Read(decision);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, reviewed.GetProperty("reviewDueAt").ValueKind);
        var journal = await Scenario.Journal(app, "decision", DecisionProject.Id(decision));
        Assert.Single(journal, e => e.Type.Contains("ReviewDue", StringComparison.Ordinal));
    }
}

public sealed class SqliteDecisionClosingApiTests(SqliteDatabase database) : DecisionClosingApiTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresDecisionClosingApiTests(PostgresDatabase database) : DecisionClosingApiTests(database), IClassFixture<PostgresDatabase>;
