using System.Net;
using System.Text.Json;
using CoProduce.Gateway.Tests.Projects;

namespace CoProduce.Gateway.Tests.Representation;

/// <summary>
/// A reader who chooses the population and when to read cannot isolate one person's answer: every figure the
/// representation view and every form of the power-balance report publish stays exactly as it was while the
/// target is asked, joins, consents, changes their answer or changes role.
/// </summary>
public abstract class DifferencingTests(GatewayDatabase database)
{
    [Fact]
    public async Task SockPuppetsOfKnownAnswersNeverMakeATargetsAnswerShow()
    {
        var app = database.Shared;
        var (attacker, victim, supporter) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await ConsentTests.Victim(app, victim, supporter);
        var project = await AttackersProject(app, attacker);

        // Four puppets per answer, all counted: one more of either answer would make a cell of five.
        foreach (var answer in new[] { "Yes", "No" })
        {
            for (var i = 0; i < 4; i++)
            {
                await Join(app, attacker, project, Guid.NewGuid(), ("Disability", answer));
            }
        }

        await SetTargets(app, attacker, project, ("Disability", "Yes"), ("Disability", "No"));
        var baseline = await Figures(app, attacker, project);
        Assert.Contains("\"publishedAt\"", baseline, StringComparison.Ordinal);
        Assert.Equal(8, await Counted(app, attacker, project));

        await app.CreateClient(attacker).PutJson($"/api/projects/{project}/participants/{victim}", new { role = "Contributor" }).Expect(HttpStatusCode.Accepted);
        Assert.Equal(baseline, await Figures(app, attacker, project));

        // Even a victim who accepts and agrees to be counted is not told apart: the figures do not move.
        await app.CreateClient(victim).PostJson($"/api/me/participation-requests/{project}/accept", new { countInAggregates = true }).Expect(HttpStatusCode.OK);
        Assert.Equal(baseline, await Figures(app, attacker, project));
        await app.CreateClient(victim).PutJson("/api/me/diversity", new { consent = true, answers = new[] { new { characteristic = "Disability", value = "No" } } })
            .Expect(HttpStatusCode.OK);
        Assert.Equal(baseline, await Figures(app, attacker, project));

        // Staff changing her role, and back, is read before and after: still nothing.
        await app.CreateClient(attacker).PutJson($"/api/projects/{project}/participants/{victim}", new { role = "Observer" }).Expect(HttpStatusCode.OK);
        Assert.Equal(baseline, await Figures(app, attacker, project));
        await app.CreateClient(attacker).PutJson($"/api/projects/{project}/participants/{victim}", new { role = "Contributor" }).Expect(HttpStatusCode.OK);
        Assert.Equal(baseline, await Figures(app, attacker, project));
        await app.CreateClient(victim).PutJson($"/api/me/projects/{project}/consent", new { showLivedExperience = false, countInAggregates = false }).Expect(HttpStatusCode.OK);
        Assert.Equal(baseline, await Figures(app, attacker, project));
    }

    [Fact]
    public async Task ReadingBeforeAndAfterSomeoneJoinsOrChangesRoleRevealsNothing()
    {
        var app = database.Shared;
        var (facilitator, target) = (Guid.NewGuid(), Guid.NewGuid());
        var project = await AttackersProject(app, facilitator);

        // A legitimate group whose answers the reader may well know: six say Yes, five say No (both cells shown).
        for (var i = 0; i < 11; i++)
        {
            await Join(app, facilitator, project, Guid.NewGuid(), ("Disability", i < 6 ? "Yes" : "No"));
        }

        var baseline = await Figures(app, facilitator, project);
        Assert.Equal([("Yes", 6), ("No", 5)], RepresentationProject.Cells(await View(app, facilitator, project), "Disability"));

        // The target joins, counted, with an answer: a cell going from 6 to 7 would say which. It does not move.
        await app.CreateClient(target).PutJson("/api/me/diversity", new { consent = true, answers = new[] { new { characteristic = "Disability", value = "Yes" } } })
            .Expect(HttpStatusCode.OK);
        await Enrolment.Enrol(app.CreateClient, facilitator, project, target, "Contributor", new { countInAggregates = true });
        Assert.Equal(baseline, await Figures(app, facilitator, project));

        await app.CreateClient(facilitator).PutJson($"/api/projects/{project}/participants/{target}", new { role = "Observer" }).Expect(HttpStatusCode.OK);
        Assert.Equal(baseline, await Figures(app, facilitator, project));
    }

    [Fact]
    public async Task FiguresCountOnlyConsentingContributorsAndArePublishedAgainOnlyOnceFiveHaveChanged()
    {
        var app = database.Shared;
        var facilitator = Guid.NewGuid();
        var project = await AttackersProject(app, facilitator);
        const string Unconsented = "Roma-44d1";

        // Four consenting contributors are too few to publish anything; one who did not consent is never counted.
        var people = Enumerable.Range(0, 9).Select(_ => Guid.NewGuid()).ToList();
        for (var i = 0; i < 4; i++)
        {
            await Join(app, facilitator, project, people[i], ("Ethnicity", "White British"));
        }

        await app.CreateClient(people[8]).PutJson("/api/me/diversity", new { consent = true, answers = new[] { new { characteristic = "Ethnicity", value = Unconsented } } })
            .Expect(HttpStatusCode.OK);
        await Enrolment.Enrol(app.CreateClient, facilitator, project, people[8], "Contributor", new { showLivedExperience = true, countInAggregates = false });
        var nothingYet = await View(app, facilitator, project);
        Assert.Equal(0, nothingYet.GetProperty("summary").GetProperty("contributors").GetInt32());
        Assert.Equal(JsonValueKind.Null, nothingYet.GetProperty("summary").GetProperty("publishedAt").ValueKind);

        // The fifth makes the first publication.
        await Join(app, facilitator, project, people[4], ("Ethnicity", "White British"));
        var first = await View(app, facilitator, project);
        Assert.Equal(5, first.GetProperty("summary").GetProperty("contributors").GetInt32());
        Assert.Equal([("White British", 5)], RepresentationProject.Cells(first, "Ethnicity"));

        // Up to four changes publish nothing new; a withdrawal too waits (the data itself is deleted at once).
        await app.CreateClient(people[0]).DeleteAsync("/api/me/diversity").Expect(HttpStatusCode.NoContent);
        await app.CreateClient(people[0]).GetAsync("/api/me/diversity").Expect(HttpStatusCode.NotFound);
        for (var i = 5; i < 8; i++)
        {
            await Join(app, facilitator, project, people[i], ("Ethnicity", "Black British"));
        }

        Assert.Equal(first.GetProperty("summary").GetRawText(), (await View(app, facilitator, project)).GetProperty("summary").GetRawText());

        // The fifth change publishes: 3 White British, 3 Black British and 2 not given are all under five, so all hidden.
        await app.CreateClient(people[1]).PutJson("/api/me/diversity", new { consent = true, answers = new[] { new { characteristic = "AgeGroup", value = "65 to 74" } } })
            .Expect(HttpStatusCode.OK);
        var second = await View(app, facilitator, project);
        Assert.Equal(8, second.GetProperty("summary").GetProperty("contributors").GetInt32());
        Assert.Equal(7, second.GetProperty("summary").GetProperty("contributorsGivingData").GetInt32());
        Assert.Empty(RepresentationProject.Cells(second, "Ethnicity"));
        Assert.True(RepresentationProject.Suppressed(second, "Ethnicity"));
        Assert.NotEqual(first.GetProperty("summary").GetProperty("publishedAt").GetString(), second.GetProperty("summary").GetProperty("publishedAt").GetString());
        Assert.DoesNotContain(Unconsented, await ConsentTests.Exposure(app, facilitator, project), StringComparison.Ordinal);
    }

    private static async Task<Guid> AttackersProject(GatewayApplication app, Guid admin)
    {
        var organisation = await Scenario.Organisation(app.CreateClient(admin), "Anyone Ltd");
        var created = await app.CreateClient(admin).PostJson("/api/projects", new { organisationId = organisation, name = "Harvest" }).Expect(HttpStatusCode.Created);
        return (await created.Json()).GetProperty("id").GetGuid();
    }

    /// <summary>A contributor who gives an answer, is asked, and joins agreeing to be counted.</summary>
    private static async Task Join(GatewayApplication app, Guid facilitator, Guid project, Guid person, (string Characteristic, string Value) answer)
    {
        await app.CreateClient(person).PutJson("/api/me/diversity", new { consent = true, answers = new[] { new { characteristic = answer.Characteristic, value = answer.Value } } })
            .Expect(HttpStatusCode.OK);
        await Enrolment.Enrol(app.CreateClient, facilitator, project, person, "Contributor", new { countInAggregates = true });
    }

    private static async Task SetTargets(GatewayApplication app, Guid facilitator, Guid project, params (string Characteristic, string Value)[] targets) =>
        await app.CreateClient(facilitator).PutJson($"/api/projects/{project}/representation/targets", new
        {
            targets = targets.Select(t => new { minimum = 5, characteristic = t.Characteristic, value = t.Value }),
        }).Expect(HttpStatusCode.OK);

    private static async Task<JsonElement> View(GatewayApplication app, Guid facilitator, Guid project) =>
        await (await app.CreateClient(facilitator).GetAsync($"/api/projects/{project}/representation").Expect(HttpStatusCode.OK)).Json();

    private static async Task<int> Counted(GatewayApplication app, Guid facilitator, Guid project) =>
        (await View(app, facilitator, project)).GetProperty("summary").GetProperty("contributors").GetInt32();

    /// <summary>
    /// Every published figure about the project's people: the representation summary (aggregates and gaps), the
    /// report's representation section as JSON, every CSV row of it, and the whole SVG chart.
    /// </summary>
    private static async Task<string> Figures(GatewayApplication app, Guid reader, Guid project)
    {
        var client = app.CreateClient(reader);
        var summary = (await View(app, reader, project)).GetProperty("summary").GetRawText();
        var report = await (await client.GetAsync($"/api/projects/{project}/power-balance").Expect(HttpStatusCode.OK)).Json();
        var section = report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "representation").GetRawText();
        var csv = await (await client.GetAsync($"/api/projects/{project}/power-balance.csv").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        var rows = string.Join("\n", csv.Split("\r\n").Where(l => l.Contains(",representation,", StringComparison.Ordinal)));
        var svg = await (await client.GetAsync($"/api/projects/{project}/power-balance.svg").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        Assert.NotEmpty(rows);
        return string.Join("\n--\n", summary, section, rows, svg);
    }
}

public sealed class SqliteDifferencingTests(SqliteGateway database) : DifferencingTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresDifferencingTests(PostgresGateway database) : DifferencingTests(database), IClassFixture<PostgresGateway>;
