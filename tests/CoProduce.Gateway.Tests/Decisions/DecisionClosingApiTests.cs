using System.Net;
using System.Text.Json;
using CoProduce.Testing;

namespace CoProduce.Gateway.Tests.Decisions;

/// <summary>
/// Closing and review reminders are Orleans reminders, kept in the database and timed by the wall clock (Orleans' own
/// clock: a silo started on a clock moved into the future declares itself dead). So the decision closes a few seconds
/// from now, while no gateway runs, and a new gateway on the same database must close it; each wait is for the event
/// that says it happened, bounded by <see cref="Patience"/>.
/// </summary>
public abstract class DecisionClosingApiTests(ITestDatabase database)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private GatewayApplication Start() => new(database, DecisionProject.FastReminders);

    [Fact]
    public async Task ADecisionClosesOnTimeAcrossARestart()
    {
        DateTimeOffset closesAt;
        string url;
        Guid facilitator, id;
        await using (var app = Start())
        {
            var world = await DecisionProject.Create(app);
            closesAt = DateTimeOffset.UtcNow.AddSeconds(8);
            var decision = await world.Decide("ChooseOne", ["Library", "Community centre"], closesAt: closesAt);
            id = DecisionProject.Id(decision);
            (url, facilitator) = ($"{world.Url}/{id}", world.People.Facilitator);
            await world.Vote(decision, world.People.Contributor, new { choice = DecisionProject.Option(decision, 0) }).Expect(HttpStatusCode.OK);
            Assert.Equal("Open", (await world.Read(decision)).GetProperty("status").GetString());
        }

        // Nothing runs while the gateway is down; the new one finds the reminder in the database.
        await using var restarted = Start();
        await Scenario.NextEvent(restarted, "decision", id, "DecisionClosed", Patience);
        var closed = await (await restarted.CreateClient(facilitator).GetAsync(url).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("closedBy").ValueKind);
        Assert.Equal(1, closed.GetProperty("results").GetProperty("voters").GetInt32());
        Assert.True(closed.GetProperty("closedAt").GetDateTimeOffset() >= closesAt);
    }

    [Fact]
    public async Task AnOutcomeClosesTheDecisionAndItsReviewDateComesBack()
    {
        Guid id;
        DateTimeOffset reviewDate;
        await using (var app = Start())
        {
            var world = await DecisionProject.Create(app);
            var decision = await world.Decide("Consent", closesAt: DateTimeOffset.UtcNow.AddDays(3));
            id = DecisionProject.Id(decision);
            await world.Vote(decision, world.People.Contributor, new { position = "Agree" }).Expect(HttpStatusCode.OK);
            var url = $"{world.Url}/{id}/outcome";
            await world.As(world.People.Facilitator).PostJson(url, new { statement = "Meet at the library", reviewDate = DateTimeOffset.UtcNow.AddMinutes(-1) })
                .Expect(HttpStatusCode.BadRequest);

            reviewDate = DateTimeOffset.UtcNow.AddSeconds(8);
            var decided = await (await world.As(world.People.Facilitator)
                .PostJson(url, new { statement = "Meet at the library", reviewDate })
                .Expect(HttpStatusCode.OK)).Json();
            Assert.Equal("Decided", decided.GetProperty("status").GetString());
            Assert.True(decided.GetProperty("results").GetProperty("consent").GetProperty("passes").GetBoolean());
            Assert.Equal(JsonValueKind.Null, decided.GetProperty("reviewDueAt").ValueKind);
            await world.As(world.People.Facilitator).PostJson(url, new { statement = "Again", reviewDate = DateTimeOffset.UtcNow.AddDays(1) })
                .Expect(HttpStatusCode.Conflict);
        }

        // The review date passes while no gateway runs: the next one brings it back, once, and the decision (closed by
        // its outcome) does not close a second time when its closing time would have come.
        await using var restarted = Start();
        await Scenario.NextEvent(restarted, "decision", id, "ReviewDue", Patience);
        var journal = await Scenario.Journal(restarted, "decision", id);
        Assert.Single(journal, e => e.Type.Contains("ReviewDue", StringComparison.Ordinal));
        Assert.Single(journal, e => e.Type.Contains("DecisionClosed", StringComparison.Ordinal));
    }
}

public sealed class SqliteDecisionClosingApiTests(SqliteDatabase database) : DecisionClosingApiTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresDecisionClosingApiTests(PostgresDatabase database) : DecisionClosingApiTests(database), IClassFixture<PostgresDatabase>;
