using System.Net;
using CoProduce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Reports;

/// <summary>The project's self-assessment on the ladder of co-production: a history, not a single value.</summary>
public abstract class SelfAssessmentApiTests(ITestDatabase database)
{
    [Fact]
    public async Task EveryRatingIsKeptNewestFirstWithWhoGaveItAndARepeatIsRecordedOnce()
    {
        var clock = new ManualTimeProvider(PowerBalanceWorld.Start);
        await using var app = new GatewayApplication(database, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var world = await PowerBalanceWorld.People(app, clock);
        var url = $"/api/projects/{world.Project}/self-assessment";

        var empty = await (await world.As(world.Observer).GetAsync(url).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, empty.GetProperty("current").ValueKind);

        await world.As(world.Ada).PutJson(url, new { level = "Consultation", note = "We are asked, then they decide." }).Expect(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromDays(40));
        await world.As(world.Facilitator).PutJson(url, new { level = "CoDesign" }).Expect(HttpStatusCode.OK);
        var again = await (await world.As(world.Facilitator).PutJson(url, new { level = "CoDesign" }).Expect(HttpStatusCode.OK)).Json();

        var history = again.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal("CoDesign", again.GetProperty("current").GetProperty("level").GetString());
        Assert.Equal(("CoDesign", world.Facilitator, false), (history[0].GetProperty("level").GetString(), history[0].GetProperty("recordedBy").GetGuid(), history[0].GetProperty("livedExperience").GetBoolean()));
        Assert.Equal(("Consultation", world.Ada, true), (history[1].GetProperty("level").GetString(), history[1].GetProperty("recordedBy").GetGuid(), history[1].GetProperty("livedExperience").GetBoolean()));
        Assert.Equal("We are asked, then they decide.", history[1].GetProperty("note").GetString());
        Assert.Equal(PowerBalanceWorld.Start, history[1].GetProperty("recordedAt").GetDateTimeOffset());

        // Each rating is journalled.
        var journal = await Scenario.Journal(app, "selfassessment", world.Project);
        Assert.Equal(2, journal.Count(e => e.Type == "SelfAssessmentRecorded"));
    }

    [Fact]
    public async Task ABadRatingIsRefusedAndChangesNothing()
    {
        var clock = new ManualTimeProvider(PowerBalanceWorld.Start);
        await using var app = new GatewayApplication(database, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var world = await PowerBalanceWorld.People(app, clock);
        var url = $"/api/projects/{world.Project}/self-assessment";
        var ada = world.As(world.Ada);
        await ada.PutJson(url, new { level = "Informing" }).Expect(HttpStatusCode.OK);
        var before = await (await ada.GetAsync(url)).Content.ReadAsStringAsync();

        await ada.PutJson(url, new { level = "Partnership" }).Expect(HttpStatusCode.BadRequest);
        await ada.PutJson(url, new { level = 7 }).Expect(HttpStatusCode.BadRequest);
        await ada.PutJson(url, new { level = "CoProduction", note = new string('x', 4001) }).Expect(HttpStatusCode.BadRequest);
        await ada.PutJson(url, new { note = "no level" }).Expect(HttpStatusCode.BadRequest);
        await ada.PutJson($"/api/projects/{Guid.NewGuid()}/self-assessment", new { level = "Informing" }).Expect(HttpStatusCode.NotFound);
        Assert.Equal(before, await (await ada.GetAsync(url)).Content.ReadAsStringAsync());
    }
}

public sealed class SqliteSelfAssessmentApiTests(SqliteDatabase database) : SelfAssessmentApiTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresSelfAssessmentApiTests(PostgresDatabase database) : SelfAssessmentApiTests(database), IClassFixture<PostgresDatabase>;
