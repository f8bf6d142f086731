using System.Net;
using System.Xml.Linq;
using CoProduce.Grains.Reports;
using CoProduce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Reports;

/// <summary>The report as CSV and as an SVG chart: the same figures as the JSON, in forms people can download or look at.</summary>
public abstract class PowerBalanceDownloadApiTests(ITestDatabase database)
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task TheCsvHasOneRowPerMeasureForAllTimeAndPerMonth()
    {
        var (app, world) = await Create();
        await using var _ = app;
        var response = await world.As(world.Cal).GetAsync($"/api/projects/{world.Project}/power-balance.csv").Expect(HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"power-balance-{world.Project}.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal("scope,id,name,section,measure,label,kind,period,total,count,value,suppressed", lines[0]);
        Assert.Equal("", lines[^1]);

        // 9 measures, each with an all-time row, and 12 month rows between them (days to feedback and the quorum met
        // have March only; the two comparisons of groups have none, as no group here is big enough to compare);
        // representation adds 2 measures with no months (nobody here described themselves or set targets), and
        // payment timeliness 4 (nobody here claimed), and speaking time 4 (nobody here took the floor in a live session).
        Assert.Equal(1 + 9 + 12 + 2 + 4 + 4, lines.Length - 1);
        var prefix = $"Project,{world.Project},\"Crisis line, nights\"";
        // Counts of people with lived experience this small are not published: total and value empty, and why.
        var why = $"\"{ReportRelease.Waiting}\"";
        Assert.Contains($"{prefix},agenda,agenda.lived-experience-share,Agenda items proposed by people with lived experience,Share,all,,5,,{why}", lines);
        Assert.Contains($"{prefix},agenda,agenda.lived-experience-share,Agenda items proposed by people with lived experience,Share,2026-03,,4,,{why}", lines);
        Assert.Contains($"{prefix},decisions,decisions.voter-share,Votes cast by people with lived experience,Share,2026-03,,7,,{why}", lines);
        Assert.Contains($"{prefix},feedback,feedback.days,Days from closing to feedback,Days,all,3,1,3,", lines);
        Assert.Contains($"{prefix},feedback,feedback.fed-back,Decisions fed back to the people involved,Share,2026-04,0,1,0,", lines);
        Assert.Contains(lines, l => l.StartsWith($"{prefix},self-assessment,self-assessment.level,", StringComparison.Ordinal) && l.EndsWith(",Ladder,2026-04,6,1,6,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANameThatWouldRunAsASpreadsheetFormulaIsDefused()
    {
        var (app, world) = await Create();
        await using var _ = app;
        var csv = await (await world.As(world.Admin).GetAsync($"/api/projects/{world.SecondProject}/power-balance.csv").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        var rows = csv.Split("\r\n").Skip(1).Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.StartsWith($"Project,{world.SecondProject},\"'=SUM(A1:A2), menus\",", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheNetworkCsvAddsUpItsProjects()
    {
        var (app, world) = await Create();
        await using var _ = app;
        var csv = await (await world.As(world.Admin).GetAsync($"/api/networks/{world.Network}/power-balance.csv").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        var prefix = $"Network,{world.Network},Northshire User Network";
        Assert.Contains($"{prefix},feedback,feedback.days,Days from closing to feedback,Days,all,4,2,2,\r\n", csv, StringComparison.Ordinal);
        Assert.Contains($"{prefix},feedback,feedback.fed-back,Decisions fed back to the people involved,Share,all,2,4,0.5,\r\n", csv, StringComparison.Ordinal);
        // 5 of 11 votes in all, but no project published its share, so neither does the network.
        Assert.Contains($"{prefix},decisions,decisions.voter-share,Votes cast by people with lived experience,Share,all,,11,,\"{ReportRelease.Waiting}\"\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSvgChartIsLabelledForScreenReadersWithAxesAndOneLinePerMeasure()
    {
        var (app, world) = await Create();
        await using var _ = app;
        var response = await world.As(world.Observer).GetAsync($"/api/projects/{world.Project}/power-balance.svg").Expect(HttpStatusCode.OK);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Svg + "svg", svg.Name);
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("pb-title pb-desc", (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal("Power balance over time: Crisis line, nights", svg.Element(Svg + "title")?.Value);
        var desc = svg.Element(Svg + "desc")!.Value;
        Assert.Contains("by month from 2026-03 to 2026-04", desc, StringComparison.Ordinal);
        Assert.Contains("Agenda items proposed by people with lived experience: hidden, as its groups are too small to show", desc, StringComparison.Ordinal);
        Assert.Contains("Days from closing to feedback: 3 days in 2026-03", desc, StringComparison.Ordinal);
        Assert.Contains("Self-assessed rung on the ladder of co-production (1 coercion to 7 co-production): rung 6 (co-design) in 2026-04", desc, StringComparison.Ordinal);

        // A panel per kind of figure, each with its axis titles and month labels.
        var panels = svg.Elements(Svg + "g").Where(g => (string?)g.Attribute("role") == "group").ToList();
        Assert.Equal(["Shares", "Days", "Ladder of co-production"], [.. panels.Select(p => (string)p.Attribute("aria-label")!)]);
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal(3, texts.Count(t => t == "Month"));
        Assert.Contains("Per cent", texts);
        Assert.Contains("Rung", texts);
        Assert.Equal(3, texts.Count(t => t == "2026-04"));

        // One line per measure: 19 series (9, representation's 2, payment timeliness' 4 and speaking time's 4), each a path through its months with a titled point for each.
        var series = panels.SelectMany(p => p.Elements(Svg + "g").Where(g => (string?)g.Attribute("role") == "group")).ToList();
        Assert.Equal(19, series.Count);
        var fedBack = series.Single(s => (string?)s.Attribute("aria-label") == "Decisions fed back to the people involved");
        Assert.Single(fedBack.Elements(Svg + "path"));
        Assert.Equal(
            ["Decisions fed back to the people involved, 2026-03: 50%", "Decisions fed back to the people involved, 2026-04: 0%"],
            [.. fedBack.Elements(Svg + "circle").Select(c => c.Element(Svg + "title")!.Value)]);

        // A share of people too small to show draws no point.
        var agenda = series.Single(s => (string?)s.Attribute("aria-label") == "Agenda items proposed by people with lived experience");
        Assert.Empty(agenda.Elements(Svg + "circle"));
        var days = series.Single(s => (string?)s.Attribute("aria-label") == "Days from closing to feedback");
        Assert.Single(days.Elements(Svg + "circle"));
    }

    [Fact]
    public async Task NamesAreEscapedInTheSvg()
    {
        var clock = new ManualTimeProvider(PowerBalanceWorld.Start);
        await using var app = new GatewayApplication(database, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var world = await PowerBalanceWorld.People(app, clock);
        var admin = world.As(world.Admin);
        var created = await admin.PostJson("/api/projects", new { organisationId = world.Organisation, name = "<script>alert(1)</script> & \"friends\"" }).Expect(HttpStatusCode.Created);
        var id = (await created.Json()).GetProperty("id").GetGuid();
        var text = await (await admin.GetAsync($"/api/projects/{id}/power-balance.svg").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        var svg = XDocument.Parse(text).Root!;
        Assert.Equal("Power balance over time: <script>alert(1)</script> & \"friends\"", svg.Element(Svg + "title")!.Value);
        Assert.Contains("There are no figures yet.", svg.Element(Svg + "desc")!.Value, StringComparison.Ordinal);
    }

    private async Task<(GatewayApplication App, PowerBalanceWorld World)> Create()
    {
        var clock = new ManualTimeProvider(PowerBalanceWorld.Start);
        var app = new GatewayApplication(database, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        return (app, await PowerBalanceWorld.History(app, clock));
    }
}

public sealed class SqlitePowerBalanceDownloadApiTests(SqliteDatabase database) : PowerBalanceDownloadApiTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresPowerBalanceDownloadApiTests(PostgresDatabase database) : PowerBalanceDownloadApiTests(database), IClassFixture<PostgresDatabase>;
