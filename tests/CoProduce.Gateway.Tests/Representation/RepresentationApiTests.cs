using System.Net;
using System.Text.Json;
using CoProduce.Grains.Representation;

namespace CoProduce.Gateway.Tests.Representation;

public abstract class RepresentationApiTests(GatewayDatabase database)
{
    private const string Marker = "Zoroastrian-7f3a";

    [Fact]
    public async Task DiversityDataNeedsExplicitConsentAndWithdrawalDeletesIt()
    {
        var app = database.Shared;
        var world = await RepresentationProject.Create(app);
        var people = world.People;

        var refused = await (await world.As(people.Contributor).PutJson("/api/me/diversity", new
        {
            consent = false,
            answers = new[] { new { characteristic = "Religion", value = Marker } },
        }).Expect(HttpStatusCode.BadRequest)).Json();
        Assert.True(refused.GetProperty("errors").TryGetProperty("consent", out _));
        await world.As(people.Contributor).GetAsync("/api/me/diversity").Expect(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await database.DumpAsync(), row => row.Contains(Marker, StringComparison.Ordinal));

        // A supporter's answers wait for the person (SupporterDiversityTests); once she confirms them they name the supporter.
        var proposed = await (await people.AsSupporterOf(people.Contributor).PutJson("/api/me/diversity", new
        {
            consent = true,
            answers = new[] { new { characteristic = "Religion", value = Marker }, new { characteristic = "AgeGroup", value = "65 to 74" } },
        }).Expect(HttpStatusCode.Accepted)).Json();
        var change = Assert.Single(proposed.GetProperty("pending").EnumerateArray()).GetProperty("id").GetGuid();
        await world.As(people.Contributor).PostAsync($"/api/me/diversity/pending/{change}/confirm", null).Expect(HttpStatusCode.OK);
        var mine = await (await world.As(people.Contributor).GetAsync("/api/me/diversity").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(Marker, mine.GetProperty("answers")[0].GetProperty("value").GetString());
        Assert.Equal(people.Supporter, mine.GetProperty("supportedBy").GetGuid());
        Assert.Contains(await database.DumpAsync(), row => row.Contains(Marker, StringComparison.Ordinal));
        await world.As(people.SecondContributor).GetAsync("/api/me/diversity").Expect(HttpStatusCode.NotFound);

        await world.As(people.Contributor).DeleteAsync("/api/me/diversity").Expect(HttpStatusCode.NoContent);
        await world.As(people.Contributor).GetAsync("/api/me/diversity").Expect(HttpStatusCode.NotFound);

        // Deleted, not hidden: no state row or journal entry anywhere holds what was given.
        var mineNow = people.Contributor.ToString("D");
        Assert.DoesNotContain(await database.DumpAsync(), row =>
            row.Contains(Marker, StringComparison.Ordinal) || (row.Contains(mineNow, StringComparison.Ordinal) && row.Contains("AgeGroup", StringComparison.Ordinal)));
        var journal = await Scenario.Journal(app, "diversity", people.Contributor);
        Assert.Equal(["DiversityChangeProposed", "DiversityDataGiven", "DiversityDataDeleted"], journal.Select(e => e.Type.Split('.')[^1]));
        await world.As(people.Contributor).DeleteAsync("/api/me/diversity").Expect(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task AggregatesHideGroupsUnderFiveAndEnoughOthersThatNoTotalRevealsThem()
    {
        var app = database.Shared;
        var world = await RepresentationProject.Create(app);
        var people = world.People;
        var extra = await people.AddContributors(8);
        List<Guid> contributors = [people.Contributor, people.SecondContributor, people.ThirdContributor, .. extra];

        // Ages: 5 + 5 + 1, all eleven answering. Ethnicity: 6 + 2 given, 3 not given.
        for (var i = 0; i < contributors.Count; i++)
        {
            var age = i < 5 ? "65 to 74" : i < 10 ? "25 to 34" : "18 to 24";
            var answers = i < 6 ? new[] { ("AgeGroup", age), ("Ethnicity", i % 2 == 0 ? "White British" : "white  british") }
                : i < 8 ? [("AgeGroup", age), ("Ethnicity", "Black British")]
                : [("AgeGroup", age)];
            await world.Give(contributors[i], answers).Expect(HttpStatusCode.OK);
        }

        // An observer's and a facilitator's data are not counted: only contributors are.
        await world.Give(people.Observer, ("AgeGroup", "18 to 24")).Expect(HttpStatusCode.OK);

        var view = await world.View();
        Assert.Equal(11, view.GetProperty("summary").GetProperty("contributors").GetInt32());
        Assert.Equal(11, view.GetProperty("summary").GetProperty("contributorsGivingData").GetInt32());
        Assert.Equal([("65 to 74", 5)], RepresentationProject.Cells(view, "AgeGroup"));
        Assert.True(RepresentationProject.Suppressed(view, "AgeGroup"));
        Assert.Equal(["White British"], RepresentationProject.Cells(view, "Ethnicity").Select(c => c.Label));
        Assert.Equal(6, RepresentationProject.Cells(view, "Ethnicity")[0].Count);
        var text = view.GetRawText();
        Assert.DoesNotContain("18 to 24", text, StringComparison.Ordinal);
        Assert.DoesNotContain("25 to 34", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Black British", text, StringComparison.Ordinal);

        // One withdrawal is not published on its own (that would say what the person had answered); the data is gone at once.
        await world.As(contributors[0]).DeleteAsync("/api/me/diversity").Expect(HttpStatusCode.NoContent);
        Assert.Equal(view.GetProperty("summary").GetRawText(), (await world.View()).GetProperty("summary").GetRawText());

        // Four more changes make five, and the next snapshot is published.
        for (var i = 1; i < 5; i++)
        {
            await world.As(contributors[i]).DeleteAsync("/api/me/diversity").Expect(HttpStatusCode.NoContent);
        }

        var after = await world.View();
        Assert.Equal(6, after.GetProperty("summary").GetProperty("contributorsGivingData").GetInt32());
        Assert.Empty(RepresentationProject.Cells(after, "Ethnicity"));

        // The power-balance report's method gives the same suppressed figures, with no voices.
        var summary = await Scenario.Grains(app).GetGrain<IProjectRepresentationGrain>(people.ProjectId).Summary();
        Assert.Equal(after.GetProperty("summary").GetProperty("publishedAt").GetDateTimeOffset(), summary.PublishedAt);
        Assert.DoesNotContain(summary.Aggregates.SelectMany(a => a.Cells), c => c.Count < summary.Threshold);
    }

    [Fact]
    public async Task WhoIsMissingWeighsTargetsWithoutRevealingSmallGroups()
    {
        var app = database.Shared;
        var world = await RepresentationProject.Create(app);
        var people = world.People;
        var network = await Scenario.Network(world.As(people.Facilitator));
        var groups = $"/api/networks/{network}/groups";
        var listed = await (await world.As(people.Facilitator).PostJson(groups, new { name = "Young carers" }).Expect(HttpStatusCode.Created)).Json();
        var youngCarers = listed.GetProperty("groups")[0].GetProperty("id").GetGuid();
        await world.As(people.Facilitator).PostJson(groups, new { name = " young  CARERS " }).Expect(HttpStatusCode.Conflict);
        await world.As(people.Stranger).PostJson(groups, new { name = "Anyone" }).Expect(HttpStatusCode.NotFound);
        await world.As(people.Stranger).GetAsync(groups).Expect(HttpStatusCode.NotFound);

        await world.As(people.Contributor).PutJson("/api/me/speaks-for", new
        {
            inTheirWords = "Young carers at Hillside school",
            groups = new[] { new { networkId = network, groupId = youngCarers } },
        }).Expect(HttpStatusCode.OK);
        await world.As(people.SecondContributor).PutJson("/api/me/speaks-for", new { groups = new[] { new { networkId = network, groupId = Guid.NewGuid() } } })
            .Expect(HttpStatusCode.BadRequest);

        // Ethnicity: 6 White British, 1 Black British, 4 not given; the 1 and the 4 are hidden together.
        var extra = await people.AddContributors(8);
        foreach (var person in extra.Take(6))
        {
            await world.Give(person, ("Ethnicity", "White British")).Expect(HttpStatusCode.OK);
        }

        await world.Give(people.Contributor, ("Ethnicity", "Black British")).Expect(HttpStatusCode.OK);

        var targets = $"{world.Url}/targets";
        object[] wanted =
        [
            new { minimum = 2, networkId = network, groupId = youngCarers },
            new { minimum = 5, characteristic = "Ethnicity", value = "white british" },
            new { minimum = 5, characteristic = "Ethnicity", value = "Black British" },
        ];
        await world.As(people.Contributor).PutJson(targets, new { targets = wanted }).Expect(HttpStatusCode.Forbidden);
        await world.As(people.Stranger).PutJson(targets, new { targets = wanted }).Expect(HttpStatusCode.NotFound);
        var tooSmall = new { targets = new object[] { new { minimum = 2, characteristic = "Ethnicity", value = "Roma" } } };
        await world.As(people.Facilitator).PutJson(targets, tooSmall).Expect(HttpStatusCode.BadRequest);
        var set = await world.As(people.Facilitator).PutJson(targets, new { targets = wanted }).Expect(HttpStatusCode.OK);
        await world.As(people.Facilitator).PutJson(targets, new { targets = wanted }).Expect(HttpStatusCode.BadRequest);
        await people.Send(people.Facilitator, HttpMethod.Put, targets, new { targets = wanted }, "\"99\"").Expect(HttpStatusCode.PreconditionFailed);
        await people.Send(people.StaffFacilitator, HttpMethod.Put, targets, new { targets = wanted }, set.Headers.ETag!.Tag).Expect(HttpStatusCode.OK);
        var seen = await (await world.As(people.Contributor).GetAsync(targets).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(3, seen.GetProperty("targets").GetArrayLength());

        var gaps = (await world.View()).GetProperty("summary").GetProperty("gaps").EnumerateArray().ToList();
        Assert.Equal("Young carers", gaps[0].GetProperty("label").GetString());
        Assert.False(gaps[0].GetProperty("met").GetBoolean());
        Assert.Equal(1, gaps[0].GetProperty("present").GetInt32());
        Assert.Equal(1, gaps[0].GetProperty("missing").GetInt32());
        Assert.True(gaps[1].GetProperty("met").GetBoolean());
        Assert.Equal(6, gaps[1].GetProperty("present").GetInt32());
        Assert.Equal(JsonValueKind.Null, gaps[2].GetProperty("met").ValueKind);
        Assert.Equal(JsonValueKind.Null, gaps[2].GetProperty("present").ValueKind);
        Assert.Equal(JsonValueKind.Null, gaps[2].GetProperty("missing").ValueKind);

        var voice = Assert.Single((await world.View()).GetProperty("voices").EnumerateArray());
        Assert.Equal(people.Contributor, voice.GetProperty("personId").GetGuid());
        Assert.Equal("Young carers", voice.GetProperty("groups")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task ThePowerBalanceReportShowsOnlyTheSuppressedFiguresAndTargetsMet()
    {
        var app = database.Shared;
        var world = await RepresentationProject.Create(app);
        var people = world.People;
        var extra = await people.AddContributors(8);

        // Ethnicity: 6 White British, 2 Black British, 3 not given: the 2 and the 3 are hidden together.
        foreach (var (person, i) in extra.Select((p, i) => (p, i)))
        {
            await world.Give(person, ("Ethnicity", i < 6 ? "White British" : "Black British")).Expect(HttpStatusCode.OK);
        }

        object[] wanted =
        [
            new { minimum = 5, characteristic = "Ethnicity", value = "White British" },
            new { minimum = 5, characteristic = "Ethnicity", value = "Black British" },
        ];
        await world.As(people.Facilitator).PutJson($"{world.Url}/targets", new { targets = wanted }).Expect(HttpStatusCode.OK);

        var report = await (await world.As(people.Contributor).GetAsync($"/api/projects/{people.ProjectId}/power-balance").Expect(HttpStatusCode.OK)).Json();
        var section = report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "representation");
        var measures = section.GetProperty("measures").EnumerateArray().ToDictionary(m => m.GetProperty("key").GetString()!);
        Assert.Equal(8m, measures["representation.giving-data"].GetProperty("total").GetDecimal());
        Assert.Equal(11, measures["representation.giving-data"].GetProperty("count").GetInt32());
        Assert.Equal(1m, measures["representation.targets-met"].GetProperty("total").GetDecimal());
        Assert.Equal(1, measures["representation.targets-met"].GetProperty("count").GetInt32());
        var rows = section.GetProperty("details").GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()).ToList()).ToList();
        Assert.Contains(rows, r => r[1] == "aggregate" && r[3] == "White British" && r[4] == "6");
        Assert.DoesNotContain(rows, r => r[1] == "aggregate" && r[3] == "Black British");
        Assert.Contains(rows, r => r[1] == "target" && r[3] == "Ethnicity: Black British" && r[6] == "not shown" && r[4] == "");
    }

    [Fact]
    public async Task OnlyFacilitatorsSeeTheRepresentationView()
    {
        var app = database.Shared;
        var world = await RepresentationProject.Create(app);
        var people = world.People;

        await world.As(people.Facilitator).GetAsync(world.Url).Expect(HttpStatusCode.OK);
        await world.As(people.StaffFacilitator).GetAsync(world.Url).Expect(HttpStatusCode.OK);
        foreach (var participant in new[] { people.Contributor, people.Observer, people.FinanceStaff })
        {
            await world.As(participant).GetAsync(world.Url).Expect(HttpStatusCode.Forbidden);
        }

        foreach (var outsider in new[] { people.Stranger, people.OtherOrganisationAdmin })
        {
            await world.As(outsider).GetAsync(world.Url).Expect(HttpStatusCode.NotFound);
            await world.As(outsider).GetAsync($"{world.Url}/targets").Expect(HttpStatusCode.NotFound);
        }

        await people.AsSupporterOf(people.Contributor).GetAsync(world.Url).Expect(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteRepresentationApiTests(SqliteGateway database) : RepresentationApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresRepresentationApiTests(PostgresGateway database) : RepresentationApiTests(database), IClassFixture<PostgresGateway>;
