using System.Net;
using System.Text.Json;
using CoProduce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Reports;

/// <summary>The report's figures on the known history of <see cref="PowerBalanceWorld"/>, for a project and for its network.</summary>
public abstract class PowerBalanceReportApiTests(ITestDatabase database)
{
    [Fact]
    public async Task AProjectReportGivesTheKnownSharesOverallAndByMonth()
    {
        var (app, world) = await Create();
        await using var _ = app;
        var report = await Get(world, world.Cal, $"/api/projects/{world.Project}/power-balance");

        Assert.Equal("Project", report.GetProperty("scope").GetString());
        Assert.Equal("Crisis line, nights", report.GetProperty("name").GetString());
        Assert.Equal(["agenda", "decisions", "speaking", "feedback", "self-assessment", "representation", "payments"], [.. report.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("key").GetString()!)]);

        // Agenda: 2 of 4 items in March by people with lived experience, 1 of 1 in April: too few to publish (k = 5).
        AssertHidden(report, "agenda.lived-experience-share", overall: true, 5, ("2026-03", 4), ("2026-04", 1));

        // D1 (quorum 2, met by 2 of 5), D2 (no quorum), D3 (quorum 1, met by 1 of 3). Whether D1's and D3's were met
        // would tell their counts, which are too small to show: the quorum-met share counts D2 alone.
        AssertMeasure(report, "decisions.quorum-set", 2, 3, 0.6667m, ("2026-03", 1, 2), ("2026-04", 1, 1));
        AssertMeasure(report, "decisions.quorum-met", 0, 1, 0m, ("2026-03", 0, 1));

        // Voters with lived experience: 2 of 5 (D1), 1 of 2 (D2, anonymous: counts only), 1 of 3 (D3): too few to publish.
        AssertHidden(report, "decisions.voter-share", overall: true, 10, ("2026-03", 7), ("2026-04", 3));

        // Compared only where named and both groups are at least 5: no decision here.
        AssertEmpty(report, "decisions.matches-professionals");
        AssertEmpty(report, "decisions.outcome-matches");

        // Only D1 was fed back, 3 days after it closed.
        AssertMeasure(report, "feedback.fed-back", 1, 3, 0.3333m, ("2026-03", 1, 2), ("2026-04", 0, 1));
        AssertMeasure(report, "feedback.days", 3, 1, 3m, ("2026-03", 3, 1));

        // Consultation then Engagement in March (Engagement in force at the month's end), CoDesign in April.
        AssertMeasure(report, "self-assessment.level", 6, 1, 6m, ("2026-03", 5, 1), ("2026-04", 6, 1));
    }

    [Fact]
    public async Task ANamedDecisionShowsEachGroupsChoiceAndAnAnonymousOneOnlyCounts()
    {
        var (app, world) = await Create();
        await using var _ = app;
        var report = await Get(world, world.Observer, $"/api/projects/{world.Project}/power-balance");
        var details = Section(report, "decisions").GetProperty("details");
        var columns = details.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
        var rows = details.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToList()).ToList();
        Assert.Equal(3, rows.Count);
        string Cell(List<string> row, string column) => row[columns.IndexOf(column)];

        // D1's 2 voters with lived experience and 3 without are too few to show, or to show each group's choice.
        var named = rows.Single(r => Cell(r, "method") == "ChooseOne");
        Assert.Equal(("Hub", "", ""), (Cell(named, "outcome"), Cell(named, "lived experience chose"), Cell(named, "professionals chose")));
        Assert.Equal(("5", "suppressed", "2", "withheld"), (Cell(named, "voters"), Cell(named, "with lived experience"), Cell(named, "lived-experience quorum"), Cell(named, "quorum met")));

        var anonymous = rows.Single(r => Cell(r, "method") == "Consent");
        Assert.Equal(("yes", "2", "suppressed", "Passes"), (Cell(anonymous, "anonymous"), Cell(anonymous, "voters"), Cell(anonymous, "with lived experience"), Cell(anonymous, "outcome")));
        Assert.Equal(("", ""), (Cell(anonymous, "lived experience chose"), Cell(anonymous, "professionals chose")));

        // Nothing in the report names who voted: no voter's id appears anywhere in it.
        var text = report.GetRawText();
        foreach (var voter in new[] { world.Ada, world.Bea, world.Cal, world.Facilitator, world.Admin })
        {
            Assert.DoesNotContain(voter.ToString(), text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task ANetworkReportAddsUpItsProjectsFigures()
    {
        var (app, world) = await Create();
        await using var _ = app;
        var report = await Get(world, world.Finance, $"/api/networks/{world.Network}/power-balance");

        Assert.Equal("Network", report.GetProperty("scope").GetString());
        Assert.Equal("Northshire User Network", report.GetProperty("name").GetString());
        Assert.Equal([world.Project, world.SecondProject], [.. report.GetProperty("projects").EnumerateArray().Select(p => p.GetGuid())]);

        // The second project adds 1 item (not lived experience) and D4 (no quorum, Ada alone, Library wins, fed back after a day).
        AssertHidden(report, "agenda.lived-experience-share", overall: true, 6, ("2026-03", 5), ("2026-04", 1));
        AssertMeasure(report, "decisions.quorum-set", 2, 4, 0.5m, ("2026-03", 1, 3), ("2026-04", 1, 1));
        AssertMeasure(report, "decisions.quorum-met", 0, 2, 0m, ("2026-03", 0, 2));
        // Voters: 5 of 11 in all, but neither project published its own (D4 is Ada alone), and the network adds up only
        // what its projects published: otherwise the network less the first project would give the second's back.
        AssertHidden(report, "decisions.voter-share", overall: true, 11, ("2026-03", 8), ("2026-04", 3));
        AssertEmpty(report, "decisions.matches-professionals");
        AssertEmpty(report, "decisions.outcome-matches");
        AssertMeasure(report, "feedback.fed-back", 2, 4, 0.5m, ("2026-03", 2, 3), ("2026-04", 0, 1));
        AssertMeasure(report, "feedback.days", 4, 2, 2m, ("2026-03", 4, 2));
        AssertMeasure(report, "self-assessment.level", 6, 1, 6m, ("2026-03", 5, 1), ("2026-04", 6, 1));

        // Detail rows say which project they came from.
        var rows = Section(report, "decisions").GetProperty("details").GetProperty("rows").EnumerateArray().Select(r => r[0].GetString()).ToList();
        Assert.Equal(3, rows.Count(r => r == "Crisis line, nights"));
        Assert.Equal(1, rows.Count(r => r == "=SUM(A1:A2), menus"));
    }

    [Fact]
    public async Task AProjectWithNoHistoryHasEveryMeasureWithNoValue()
    {
        var clock = new ManualTimeProvider(PowerBalanceWorld.Start);
        await using var app = new GatewayApplication(database, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var world = await PowerBalanceWorld.People(app, clock);
        var report = await Get(world, world.Ada, $"/api/projects/{world.Project}/power-balance");
        var measures = report.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("measures").EnumerateArray()).ToList();
        Assert.Equal(19, measures.Count);
        Assert.All(measures, m =>
        {
            Assert.Equal(0, m.GetProperty("count").GetInt32());
            Assert.Equal(JsonValueKind.Null, m.GetProperty("value").ValueKind);
            Assert.Empty(m.GetProperty("byMonth").EnumerateArray());
        });
    }

    private async Task<(GatewayApplication App, PowerBalanceWorld World)> Create()
    {
        var clock = new ManualTimeProvider(PowerBalanceWorld.Start);
        var app = new GatewayApplication(database, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        return (app, await PowerBalanceWorld.History(app, clock));
    }

    public static async Task<JsonElement> Get(PowerBalanceWorld world, Guid person, string url) =>
        await (await world.As(person).GetAsync(url).Expect(HttpStatusCode.OK)).Json();

    public static JsonElement Section(JsonElement report, string key) =>
        report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == key);

    private static JsonElement Measure(JsonElement report, string key) => report.GetProperty("sections").EnumerateArray()
        .SelectMany(s => s.GetProperty("measures").EnumerateArray())
        .Single(m => m.GetProperty("key").GetString() == key);

    /// <summary>A share of people whose months (and, when <paramref name="overall"/>, whose figure for all time) are suppressed.</summary>
    private static void AssertHidden(JsonElement report, string key, bool overall, int count, params (string Period, int Count)[] months)
    {
        var measure = Measure(report, key);
        Assert.Equal(count, measure.GetProperty("count").GetInt32());
        Assert.Equal(overall, measure.GetProperty("total").ValueKind == JsonValueKind.Null);
        Assert.Equal(overall, measure.GetProperty("suppressed").ValueKind == JsonValueKind.String);
        Assert.Equal<(string, int)>(months, [.. measure.GetProperty("byMonth").EnumerateArray().Select(p => (p.GetProperty("period").GetString()!, p.GetProperty("count").GetInt32()))]);
        Assert.All(measure.GetProperty("byMonth").EnumerateArray(), p =>
        {
            Assert.Equal(JsonValueKind.Null, p.GetProperty("total").ValueKind);
            Assert.Equal(JsonValueKind.Null, p.GetProperty("value").ValueKind);
            Assert.False(string.IsNullOrEmpty(p.GetProperty("suppressed").GetString()));
        });
    }

    private static void AssertEmpty(JsonElement report, string key)
    {
        var measure = Measure(report, key);
        Assert.Equal((0m, 0, JsonValueKind.Null), (measure.GetProperty("total").GetDecimal(), measure.GetProperty("count").GetInt32(), measure.GetProperty("value").ValueKind));
        Assert.Empty(measure.GetProperty("byMonth").EnumerateArray());
    }

    private static void AssertMeasure(JsonElement report, string key, decimal total, int count, decimal value, params (string Period, decimal Total, int Count)[] months)
    {
        var measure = Measure(report, key);
        Assert.Equal((total, count, value), (measure.GetProperty("total").GetDecimal(), measure.GetProperty("count").GetInt32(), measure.GetProperty("value").GetDecimal()));
        Assert.Equal<(string, decimal, int)>(months, [.. measure.GetProperty("byMonth").EnumerateArray().Select(p => (p.GetProperty("period").GetString()!, p.GetProperty("total").GetDecimal(), p.GetProperty("count").GetInt32()))]);
    }
}

public sealed class SqlitePowerBalanceReportApiTests(SqliteDatabase database) : PowerBalanceReportApiTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresPowerBalanceReportApiTests(PostgresDatabase database) : PowerBalanceReportApiTests(database), IClassFixture<PostgresDatabase>;
