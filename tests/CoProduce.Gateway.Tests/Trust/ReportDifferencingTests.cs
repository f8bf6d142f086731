using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CoProduce.Grains.Agenda;
using CoProduce.Grains.Common;
using CoProduce.Grains.Decisions;
using CoProduce.Grains.Organisations;
using CoProduce.Grains.People;
using CoProduce.Grains.Projects;
using CoProduce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Trust;

/// <summary>
/// The power-balance report's figures of people with lived experience cannot be differenced: a chosen population in
/// two projects of one network, and a target with lived experience who joins the first, proposes an item and votes
/// in a named decision that closes. Every report endpoint and export (each project's and the network's, in JSON, CSV
/// and SVG) is read before and after; none of the figures moves, and the network is only what its projects published.
/// Then five people with lived experience and five without come along, and the figures move by them and the target at
/// once: they are published, not frozen for ever.
/// </summary>
public abstract partial class ReportDifferencingTests(ITestDatabase database)
{
    private static readonly DateTimeOffset March = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private static readonly (string Key, string Label)[] PeopleMeasures =
    [
        ("agenda.lived-experience-share", "Agenda items proposed by people with lived experience"),
        ("decisions.voter-share", "Votes cast by people with lived experience"),
    ];

    [Fact]
    public async Task ReadingEveryReportBeforeAndAfterATargetJoinsProposesAndVotesRevealsNothingOfHer()
    {
        var clock = new ManualTimeProvider(March);
        await using var app = new GatewayApplication(database, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var world = await World.Create(grains);

        // The first project: 5 items by people with lived experience and 5 by others; a named decision of 5 and 5
        // (the decision shows its count) and one of 1 and 6 (it does not). The second: one person with lived
        // experience proposes an item and votes among 5 others.
        foreach (var person in world.Lived.Take(5).Concat(world.Others.Take(5)))
        {
            await World.Propose(grains, world.Project, person);
        }

        await world.Decide(grains, world.Project, world.Lived.Take(5).Concat(world.Others.Take(5)));
        await world.Decide(grains, world.Project, world.Lived.Skip(5).Take(1).Concat(world.Others.Skip(4).Take(6)));
        await World.Propose(grains, world.Second, world.SecondLived);
        await world.Decide(grains, world.Second, [world.SecondLived, .. world.Others.Take(5)]);

        var before = await PeopleFigures(app, world);
        await AssertTheNetworkIsItsProjectsAsPublished(app, world);

        // The target joins, proposes, and votes with five people without lived experience; the decision closes.
        var target = Guid.NewGuid();
        await grains.GetGrain<IPersonGrain>(target).SaveProfile(new Actor(target), new PersonProfile { Name = "Tamsin", LivedExperience = true }, null);
        await grains.GetGrain<IProjectGrain>(world.Project).Enrol(new Actor(world.Admin), target, ProjectRole.Contributor);
        Assert.Equal(before, await PeopleFigures(app, world));
        await World.Propose(grains, world.Project, target);
        Assert.Equal(before, await PeopleFigures(app, world));
        await world.Decide(grains, world.Project, [target, .. world.Others.Skip(5).Take(5)]);

        var after = await PeopleFigures(app, world);
        Assert.Equal(before, after);
        await AssertTheNetworkIsItsProjectsAsPublished(app, world);

        // Her decision's row says neither her count nor anything it would give away.
        var report = await Read(app, world, $"/api/projects/{world.Project}/power-balance");
        var details = report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "decisions").GetProperty("details");
        var columns = details.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
        var rows = details.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToList()).ToList();
        var hers = Assert.Single(rows, r => r[columns.IndexOf("voters")] == "6");
        Assert.Equal(("suppressed", "", ""), (hers[columns.IndexOf("with lived experience")],
            hers[columns.IndexOf("lived experience chose")], hers[columns.IndexOf("professionals chose")]));

        // Five more with lived experience and five without propose: the agenda's share moves by them and the target
        // together (6 of 11 since the last release), never by her alone.
        foreach (var person in world.Lived.Skip(5).Concat(world.Others.Skip(5)))
        {
            await World.Propose(grains, world.Project, person);
        }

        var agenda = Measure(await Read(app, world, $"/api/projects/{world.Project}/power-balance"), "agenda.lived-experience-share");
        Assert.Equal((11m, 21), (agenda.GetProperty("total").GetDecimal(), agenda.GetProperty("count").GetInt32()));
        Assert.Equal(JsonValueKind.Null, agenda.GetProperty("suppressed").ValueKind);
        Assert.NotEqual(before, await PeopleFigures(app, world));
        await AssertTheNetworkIsItsProjectsAsPublished(app, world);
    }

    /// <summary>Every figure of people with lived experience in every report and export, as text, leaving out only the note of why one waits.</summary>
    private static async Task<List<string>> PeopleFigures(GatewayApplication app, World world)
    {
        var client = app.CreateClient(world.Admin);
        var figures = new List<string>();
        foreach (var (scope, url) in new[]
        {
            ("first", $"/api/projects/{world.Project}/power-balance"),
            ("second", $"/api/projects/{world.Second}/power-balance"),
            ("network", $"/api/networks/{world.Network}/power-balance"),
        })
        {
            var report = await (await client.GetAsync(url).Expect(HttpStatusCode.OK)).Json();
            foreach (var (key, _) in PeopleMeasures)
            {
                var measure = Measure(report, key);
                figures.Add($"{scope} json {key} all {Figure(measure)}");
                figures.AddRange(measure.GetProperty("byMonth").EnumerateArray().Select(p => $"{scope} json {key} {p.GetProperty("period").GetString()} {Figure(p)}"));
            }

            var csv = await (await client.GetAsync($"{url}.csv").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync();
            figures.AddRange(csv.Split("\r\n")
                .Where(l => PeopleMeasures.Any(m => l.Contains($",{m.Key},", StringComparison.Ordinal)))
                .Select(l => $"{scope} csv {CsvFigures().Match(l).Groups["figures"].Value}"));

            var svg = XDocument.Parse(await (await client.GetAsync($"{url}.svg").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync());
            figures.AddRange(svg.Descendants().Where(e => e.Name.LocalName == "title").Select(e => e.Value)
                .Where(t => PeopleMeasures.Any(m => t.StartsWith(m.Label, StringComparison.Ordinal)))
                .Select(t => $"{scope} svg point {t}"));
            var desc = svg.Descendants().Single(e => e.Name.LocalName == "desc").Value;
            figures.AddRange(desc.Split("; ").Where(t => PeopleMeasures.Any(m => t.Contains(m.Label, StringComparison.Ordinal))).Select(t => $"{scope} svg desc {t}"));
        }

        Assert.Contains(figures, f => f.StartsWith("first svg point", StringComparison.Ordinal));
        return figures;
    }

    /// <summary>The network's figure of each measure and month is the sum of what its projects published, and nothing more.</summary>
    private static async Task AssertTheNetworkIsItsProjectsAsPublished(GatewayApplication app, World world)
    {
        var first = await Read(app, world, $"/api/projects/{world.Project}/power-balance");
        var second = await Read(app, world, $"/api/projects/{world.Second}/power-balance");
        var network = await Read(app, world, $"/api/networks/{world.Network}/power-balance");
        foreach (var (key, _) in PeopleMeasures)
        {
            Assert.Equal(Published(Measure(first, key)) + Published(Measure(second, key)), Published(Measure(network, key)));
            foreach (var point in Measure(network, key).GetProperty("byMonth").EnumerateArray())
            {
                var period = point.GetProperty("period").GetString()!;
                Assert.Equal(Published(Month(first, key, period)) + Published(Month(second, key, period)), Published(point));
            }
        }
    }

    private readonly record struct Shown(decimal Total, int Count)
    {
        public static Shown operator +(Shown a, Shown b) => new(a.Total + b.Total, a.Count + b.Count);
    }

    private static Shown Published(JsonElement? figure) =>
        figure is { } f && f.GetProperty("total").ValueKind == JsonValueKind.Number ? new(f.GetProperty("total").GetDecimal(), f.GetProperty("count").GetInt32()) : default;

    private static JsonElement? Month(JsonElement report, string key, string period) =>
        Measure(report, key).GetProperty("byMonth").EnumerateArray().Where(p => p.GetProperty("period").GetString() == period).Select(p => (JsonElement?)p).SingleOrDefault();

    private static string Figure(JsonElement figure) =>
        string.Join(' ', new[] { "total", "count", "value" }.Select(p => Number(figure.GetProperty(p))));

    private static string Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null ? "-" : value.GetDecimal().ToString(CultureInfo.InvariantCulture);

    private static async Task<JsonElement> Read(GatewayApplication app, World world, string url) =>
        await (await app.CreateClient(world.Admin).GetAsync(url).Expect(HttpStatusCode.OK)).Json();

    private static JsonElement Measure(JsonElement report, string key) =>
        report.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("measures").EnumerateArray()).Single(m => m.GetProperty("key").GetString() == key);

    /// <summary>A CSV row of a share up to its value: everything but the note of why a figure waits.</summary>
    [GeneratedRegex("^(?<figures>.*,Share,[^,]*,[^,]*,[^,]*,[^,]*),")]
    private static partial Regex CsvFigures();

    private sealed record World(Guid Project, Guid Second, Guid Network, Guid Admin, IReadOnlyList<Guid> Lived, IReadOnlyList<Guid> Others, Guid SecondLived)
    {
        public static async Task<World> Create(IGrainFactory grains)
        {
            var world = new World(
                Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
                [.. Enumerable.Range(0, 10).Select(_ => Guid.NewGuid())], [.. Enumerable.Range(0, 10).Select(_ => Guid.NewGuid())], Guid.NewGuid());
            var admin = new Actor(world.Admin);
            var organisation = Guid.NewGuid();
            await grains.GetGrain<IOrganisationGrain>(organisation).Create(admin, "Northshire Carers Trust", OrganisationKind.Charity, "Admin");
            await grains.GetGrain<Grains.Networks.INetworkGrain>(world.Network).Create(admin, "Northshire User Network");
            await grains.GetGrain<Grains.Networks.INetworkGrain>(world.Network).AddOrganisation(admin, organisation);
            await grains.GetGrain<IProjectGrain>(world.Project).Create(admin, organisation, world.Network, "Crisis line nights", null);
            await grains.GetGrain<IProjectGrain>(world.Second).Create(admin, organisation, world.Network, "Hot meals", null);
            var people = world.Lived.Select(p => (p, true)).Concat(world.Others.Select(p => (p, false))).Append((world.SecondLived, true));
            foreach (var (person, lived) in people)
            {
                await grains.GetGrain<IPersonGrain>(person).SaveProfile(new Actor(person), new PersonProfile { Name = $"Person {person:N}"[..15], LivedExperience = lived }, null);
                await grains.GetGrain<IProjectGrain>(world.Project).Enrol(admin, person, ProjectRole.Contributor);
                await grains.GetGrain<IProjectGrain>(world.Second).Enrol(admin, person, ProjectRole.Contributor);
            }

            return world;
        }

        public static Task<AgendaItem> Propose(IGrainFactory grains, Guid project, Guid person) =>
            grains.GetGrain<IAgendaGrain>(project).Propose(new Actor(person), $"Item of {person:N}"[..16], null, null);

        /// <summary>A named choose-one decision, closed at once; everyone chooses "Yes".</summary>
        public async Task Decide(IGrainFactory grains, Guid project, IEnumerable<Guid> voters)
        {
            var decision = grains.GetGrain<IDecisionGrain>(Guid.NewGuid());
            var created = (await decision.Create(new Actor(Admin), project, new DecisionSpec(
                "Night line", null, DecisionMethod.ChooseOne, ["Yes", "No"], null, March.AddDays(7), new Quorum(0, 0), false, false, null, null, null))).Value;
            foreach (var voter in voters)
            {
                await decision.Vote(new Actor(voter), project, new Ballot(Choice: created.Options[0].Id));
            }

            await decision.Close(new Actor(Admin), project);
        }
    }
}

public sealed class SqliteReportDifferencingTests(SqliteDatabase database) : ReportDifferencingTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresReportDifferencingTests(PostgresDatabase database) : ReportDifferencingTests(database), IClassFixture<PostgresDatabase>;
