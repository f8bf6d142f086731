using System.Net;
using System.Text.Json;
using CoProduce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Decisions;

/// <summary>
/// Closing and review reminders, on a clock the test moves on: the reminder scan and the grains read the
/// same clock, so "on time" is exact and no test waits for wall-clock seconds to pass.
/// </summary>
public abstract class DecisionClosingApiTests(ITestDatabase database)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private GatewayApplication Start(ManualTimeProvider clock) =>
        new(database, DecisionProject.FastReminders, configureServices: services => services.AddSingleton<TimeProvider>(clock));

    [Fact]
    public async Task ADecisionClosesOnTimeAcrossARestart()
    {
        var clock = new ManualTimeProvider();
        var closesAt = clock.GetUtcNow().AddHours(1);
        string url;
        Guid facilitator, id;
        await using (var app = Start(clock))
        {
            var world = await DecisionProject.Create(app);
            var decision = await world.Decide("ChooseOne", ["Library", "Community centre"], closesAt: closesAt);
            id = DecisionProject.Id(decision);
            (url, facilitator) = ($"{world.Url}/{id}", world.People.Facilitator);
            await world.Vote(decision, world.People.Contributor, new { choice = DecisionProject.Option(decision, 0) }).Expect(HttpStatusCode.OK);
            Assert.Equal("Open", (await world.Read(decision)).GetProperty("status").GetString());
        }

        // Nothing runs while the gateway is down; the new one finds the reminder in the database.
        clock.Advance(TimeSpan.FromHours(2));
        await using var restarted = Start(clock);
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
        var clock = new ManualTimeProvider();
        Guid id;
        await using (var app = Start(clock))
        {
            var world = await DecisionProject.Create(app);
            var decision = await world.Decide("Consent", closesAt: clock.GetUtcNow().AddDays(3));
            id = DecisionProject.Id(decision);
            await world.Vote(decision, world.People.Contributor, new { position = "Agree" }).Expect(HttpStatusCode.OK);
            var url = $"{world.Url}/{id}/outcome";
            await world.As(world.People.Facilitator).PostJson(url, new { statement = "Meet at the library", reviewDate = clock.GetUtcNow().AddMinutes(-1) })
                .Expect(HttpStatusCode.BadRequest);

            var decided = await (await world.As(world.People.Facilitator)
                .PostJson(url, new { statement = "Meet at the library", reviewDate = clock.GetUtcNow().AddDays(30) })
                .Expect(HttpStatusCode.OK)).Json();
            Assert.Equal("Decided", decided.GetProperty("status").GetString());
            Assert.True(decided.GetProperty("results").GetProperty("consent").GetProperty("passes").GetBoolean());
            Assert.Equal(JsonValueKind.Null, decided.GetProperty("reviewDueAt").ValueKind);
            await world.As(world.People.Facilitator).PostJson(url, new { statement = "Again", reviewDate = clock.GetUtcNow().AddDays(1) })
                .Expect(HttpStatusCode.Conflict);
        }

        // A month later (Orleans' reminder timers run on the wall clock, so the node that set it is stopped and a new one
        // reads the reminder from the database, as after any restart): the review date comes back once.
        clock.Advance(TimeSpan.FromDays(31));
        await using var restarted = Start(clock);
        await Scenario.NextEvent(restarted, "decision", id, "ReviewDue", Patience);
        var journal = await Scenario.Journal(restarted, "decision", id);
        Assert.Single(journal, e => e.Type.Contains("ReviewDue", StringComparison.Ordinal));
        Assert.Single(journal, e => e.Type.Contains("DecisionClosed", StringComparison.Ordinal));
    }
}

public sealed class SqliteDecisionClosingApiTests(SqliteDatabase database) : DecisionClosingApiTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresDecisionClosingApiTests(PostgresDatabase database) : DecisionClosingApiTests(database), IClassFixture<PostgresDatabase>;
