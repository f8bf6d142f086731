using System.Net;
using System.Text.Json;
using CoProduce.Grains.Agenda;
using CoProduce.Grains.Common;
using CoProduce.Grains.Decisions;
using CoProduce.Grains.Organisations;
using CoProduce.Grains.People;
using CoProduce.Grains.Projects;
using CoProduce.Grains.Reports;
using CoProduce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Trust;

/// <summary>
/// Counts of people with lived experience follow the aggregates' small-count rule (k = 5) wherever they are
/// published: a decision's voters and whether its lived-experience quorum was met, the report's rows, its monthly and
/// overall shares (published in releases), and the network's sum. Ten contributors with lived experience and ten
/// without; the big groups are the control that counts, and a quorum of people with lived experience, still show.
/// </summary>
public abstract class LivedExperienceSmallCountTests(ITestDatabase database)
{
    private static readonly DateTimeOffset March = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task NoCountOfPeopleWithLivedExperienceUnderFiveOrFiveShortOfItsTotalIsPublished()
    {
        var clock = new ManualTimeProvider(March);
        await using var app = new GatewayApplication(database, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var world = await World.Create(app);
        var grains = app.Services.GetRequiredService<IGrainFactory>();

        // March: 5 items of each group; a named decision of 5 and 5 asking for 5 with lived experience (shown, and
        // met); a named one with one voter with lived experience among six, asking for 1 (hidden, and so is whether
        // it was met); a named one with six with lived experience and two without (hidden).
        foreach (var person in world.Lived.Take(5).Concat(world.Others.Take(5)))
        {
            await grains.GetGrain<IAgendaGrain>(world.Project).Propose(new Actor(person), $"Item of {person:N}"[..12], null, null);
        }

        var even = await world.Decide(grains, clock, world.Lived.Take(5).Concat(world.Others.Take(5)), quorum: new Quorum(0, 5));
        var one = await world.Decide(grains, clock, world.Lived.Take(1).Concat(world.Others.Take(6)), quorum: new Quorum(0, 1));
        var twoShort = await world.Decide(grains, clock, world.Lived.Take(6).Concat(world.Others.Take(2)));
        var open = await world.Decide(grains, clock, world.Lived.Take(5).Concat(world.Others.Take(5)), close: false);

        var client = app.CreateClient(world.Others[0]);
        async Task<JsonElement> Results(Guid decision) =>
            (await (await client.GetAsync($"/api/projects/{world.Project}/decisions/{decision}").Expect(HttpStatusCode.OK)).Json()).GetProperty("results");

        foreach (var hidden in new[] { one, twoShort, open })
        {
            var results = await Results(hidden);
            Assert.Equal(JsonValueKind.Null, results.GetProperty("votersWithLivedExperience").ValueKind);
            Assert.False(string.IsNullOrWhiteSpace(results.GetProperty("livedExperienceSuppressed").GetString()));
        }

        Assert.Equal(5, (await Results(even)).GetProperty("votersWithLivedExperience").GetInt32());
        Assert.Equal(JsonValueKind.Null, (await Results(even)).GetProperty("livedExperienceSuppressed").ValueKind);

        // The group can still govern: a quorum of 5 with lived experience, met by 5 of 10, is said; a quorum of 1 met
        // by 1 of 7 is not, as it would give the hidden count away.
        Assert.True((await Results(even)).GetProperty("quorumMet").GetBoolean());
        Assert.Equal(JsonValueKind.Null, (await Results(even)).GetProperty("quorumWithheld").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await Results(one)).GetProperty("quorumMet").ValueKind);
        Assert.Equal(QuorumDisclosure.Withheld, (await Results(one)).GetProperty("quorumWithheld").GetString());

        // April (the open decision stays open, and out of the report): one item, by someone with lived experience: a month of 1 of 1.
        clock.Advance(TimeSpan.FromDays(30));
        await grains.GetGrain<IAgendaGrain>(world.Project).Propose(new Actor(world.Lived[9]), "Peer support", null, null);

        foreach (var url in new[] { $"/api/projects/{world.Project}/power-balance", $"/api/networks/{world.Network}/power-balance" })
        {
            var report = await (await app.CreateClient(world.Admin).GetAsync(url).Expect(HttpStatusCode.OK)).Json();

            // Agenda: March's 5 of 10 is published; April's 1 of 1 waits for a release, and all time is the months
            // as published (5 of 10), so it cannot be set against March to give April back.
            var agenda = Measure(report, "agenda.lived-experience-share");
            Assert.Equal((5m, 10), (agenda.GetProperty("total").GetDecimal(), agenda.GetProperty("count").GetInt32()));
            Assert.Equal(ReportRelease.Waiting, agenda.GetProperty("suppressed").GetString());
            var months = agenda.GetProperty("byMonth").EnumerateArray().ToList();
            Assert.Equal((5m, 10), (months[0].GetProperty("total").GetDecimal(), months[0].GetProperty("count").GetInt32()));
            Hidden(months[1]);

            // Votes: 5+1+6 of 10+7+8 in March (12 of 25) shows.
            var votes = Measure(report, "decisions.voter-share");
            Assert.Equal((12m, 25), (votes.GetProperty("total").GetDecimal(), votes.GetProperty("count").GetInt32()));
            Assert.Equal(12m, Assert.Single(votes.GetProperty("byMonth").EnumerateArray()).GetProperty("total").GetDecimal());

            // Rows: the even decision gives its count and both groups' choices; the others give neither.
            var details = Section(report, "decisions").GetProperty("details");
            var columns = details.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
            var rows = details.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToList()).ToList();
            string Cell(List<string> row, string column) => row[columns.IndexOf(column)];
            Assert.Equal(["5", "suppressed", "suppressed"], rows.Select(r => Cell(r, "with lived experience")));
            Assert.Equal(["yes", "withheld", "no"], rows.Select(r => Cell(r, "quorum met")));
            Assert.Equal(["Yes", "", ""], rows.Select(r => Cell(r, "lived experience chose")));
            Assert.Equal(["No", "", ""], rows.Select(r => Cell(r, "professionals chose")));
        }

        var csv = await (await app.CreateClient(world.Admin).GetAsync($"/api/projects/{world.Project}/power-balance.csv").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        var april = csv.Split("\r\n").Single(l => l.Contains(",agenda.lived-experience-share,", StringComparison.Ordinal) && l.Contains(",2026-04,", StringComparison.Ordinal));
        Assert.EndsWith($",2026-04,,1,,\"{ReportRelease.Waiting}\"", april);
    }

    private static void Hidden(JsonElement point)
    {
        Assert.Equal(JsonValueKind.Null, point.GetProperty("total").ValueKind);
        Assert.Equal(JsonValueKind.Null, point.GetProperty("value").ValueKind);
        Assert.Equal(ReportRelease.Waiting, point.GetProperty("suppressed").GetString());
    }

    private static JsonElement Section(JsonElement report, string key) =>
        report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == key);

    private static JsonElement Measure(JsonElement report, string key) =>
        report.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("measures").EnumerateArray()).Single(m => m.GetProperty("key").GetString() == key);

    private sealed record World(Guid Project, Guid Network, Guid Admin, IReadOnlyList<Guid> Lived, IReadOnlyList<Guid> Others)
    {
        public static async Task<World> Create(GatewayApplication app)
        {
            var grains = app.Services.GetRequiredService<IGrainFactory>();
            var world = new World(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), [.. Enumerable.Range(0, 10).Select(_ => Guid.NewGuid())], [.. Enumerable.Range(0, 10).Select(_ => Guid.NewGuid())]);
            var admin = new Actor(world.Admin);
            var organisation = Guid.NewGuid();
            await grains.GetGrain<IOrganisationGrain>(organisation).Create(admin, "Northshire Carers Trust", OrganisationKind.Charity, "Admin");
            await grains.GetGrain<Grains.Networks.INetworkGrain>(world.Network).Create(admin, "Northshire User Network");
            await grains.GetGrain<Grains.Networks.INetworkGrain>(world.Network).AddOrganisation(admin, organisation);
            var project = grains.GetGrain<IProjectGrain>(world.Project);
            await project.Create(admin, organisation, world.Network, "Crisis line, nights", null);
            foreach (var (person, lived) in world.Lived.Select(p => (p, true)).Concat(world.Others.Select(p => (p, false))))
            {
                await grains.GetGrain<IPersonGrain>(person).SaveProfile(new Actor(person), new PersonProfile { Name = $"Person {person:N}"[..15], LivedExperience = lived }, null);
                await project.Enrol(admin, person, ProjectRole.Contributor);
            }

            return world;
        }

        /// <summary>A named choose-one decision: those with lived experience choose "Yes", the others "No".</summary>
        public async Task<Guid> Decide(IGrainFactory grains, ManualTimeProvider clock, IEnumerable<Guid> voters, bool close = true, Quorum? quorum = null)
        {
            var decision = grains.GetGrain<IDecisionGrain>(Guid.NewGuid());
            var created = (await decision.Create(new Actor(Admin), Project, new DecisionSpec(
                "Night line", null, DecisionMethod.ChooseOne, ["Yes", "No"], null, clock.GetUtcNow().AddDays(close ? 7 : 90), quorum ?? new Quorum(0, 0), false, false, null, null, null))).Value;
            foreach (var voter in voters)
            {
                await decision.Vote(new Actor(voter), Project, new Ballot(Choice: created.Options[Lived.Contains(voter) ? 0 : 1].Id));
            }

            if (close)
            {
                await decision.Close(new Actor(Admin), Project);
            }

            // The report lists decisions in the order they closed.
            clock.Advance(TimeSpan.FromHours(1));

            return created.Id;
        }
    }
}

public sealed class SqliteLivedExperienceSmallCountTests(SqliteDatabase database) : LivedExperienceSmallCountTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresLivedExperienceSmallCountTests(PostgresDatabase database) : LivedExperienceSmallCountTests(database), IClassFixture<PostgresDatabase>;
