using System.Net;
using System.Text.Json;
using CoProduce.Gateway.Tests.Agenda;
using CoProduce.Gateway.Tests.Decisions;
using CoProduce.Gateway.Tests.Trail;

namespace CoProduce.Gateway.Tests.Projects;

/// <summary>
/// A person's lived-experience answer is shown person by person only to the project's facilitators and only when
/// she agreed to show it there, as her profile says it now: in the agenda, the measures, the decision and its trail,
/// the self-assessment and every form of the power-balance report. Everything goes through the HTTP API.
/// </summary>
public abstract class LivedExperienceExposureTests(GatewayDatabase database)
{
    [Fact]
    public async Task NobodySeesAContributorsLivedExperiencePerPersonUntilSheConsentsAndThenOnlyFacilitators()
    {
        var app = database.Shared;
        var world = await TrailProject.Create(app);
        var people = world.People;
        var project = people.ProjectId;

        // Vera has lived experience in her profile and joins without agreeing to show it.
        var vera = Guid.NewGuid();
        await app.CreateClient(vera).PutJson("/api/me/profile", new { name = "Vera Quiet-71ad", livedExperience = true }).Expect(HttpStatusCode.OK);
        await Enrolment.Enrol(app.CreateClient, people.Facilitator, project, vera, "Contributor", new { showLivedExperience = false, countInAggregates = true });

        // She proposes an item and a measure, votes in a named decision taking up her item, and rates the project.
        var item = await people.Propose(vera, "Night buses to the hospital");
        Assert.Equal(JsonValueKind.Null, item.GetProperty("proposerLivedExperience").ValueKind);
        var itemId = item.GetProperty("id").GetGuid();
        var measure = await world.Evaluation.Propose(vera, "Nights nobody was left waiting");
        Assert.Equal(JsonValueKind.Null, measure.GetProperty("proposerLivedExperience").ValueKind);
        var measureId = measure.GetProperty("id").GetGuid();
        var decision = await world.Decide("ChooseOne", [itemId], ["Buses", "Taxis"]);
        await world.Decisions.Vote(decision, vera, new { choice = DecisionProject.Option(decision, 0) }).Expect(HttpStatusCode.OK);
        await app.CreateClient(vera).PutJson($"/api/projects/{project}/self-assessment", new { level = "Consultation" }).Expect(HttpStatusCode.OK);
        await world.Decisions.Close(decision).Expect(HttpStatusCode.OK);

        Guid[] everyone = [vera, people.SecondContributor, people.Observer, people.FinanceStaff, people.Facilitator, people.StaffFacilitator];
        foreach (var reader in everyone)
        {
            Assert.Equal(new Shown(null, null, null, null, null), await ShownTo(world, reader, decision, itemId, measureId, vera));
            await NoPerPersonAnswerInTheReport(app, reader, project);
        }

        // She agrees to show it: the project's facilitators (and only they) see it, as her profile says it now.
        await app.CreateClient(vera).PutJson($"/api/me/projects/{project}/consent", new { showLivedExperience = true, countInAggregates = true })
            .Expect(HttpStatusCode.OK);
        foreach (var facilitator in new[] { people.Facilitator, people.StaffFacilitator })
        {
            Assert.Equal(new Shown(true, true, true, true, true), await ShownTo(world, facilitator, decision, itemId, measureId, vera));
        }

        foreach (var reader in new[] { vera, people.SecondContributor, people.Observer, people.FinanceStaff })
        {
            Assert.Equal(new Shown(null, null, null, null, null), await ShownTo(world, reader, decision, itemId, measureId, vera));
        }

        foreach (var reader in everyone)
        {
            await NoPerPersonAnswerInTheReport(app, reader, project);
        }

        // Not a copy kept from when she proposed: when her profile changes, so does what the facilitator sees.
        var me = await app.CreateClient(vera).GetAsync("/api/me").Expect(HttpStatusCode.OK);
        await AgendaProject.Send(app.CreateClient(vera), HttpMethod.Put, "/api/me/profile", new { name = "Vera Quiet-71ad", livedExperience = false }, me.Headers.ETag!.Tag)
            .Expect(HttpStatusCode.OK);
        Assert.Equal(new Shown(false, false, false, false, false), await ShownTo(world, people.Facilitator, decision, itemId, measureId, vera));

        // Neither the measures' nor the self-assessment's journal keeps a copy of her answer.
        foreach (var grain in new[] { "evaluation", "selfassessment" })
        {
            var journal = string.Join("\n", (await Scenario.Journal(app, grain, project)).Select(e => e.Body.GetRawText()));
            Assert.DoesNotContain("\"ProposerLivedExperience\":true", journal, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\"LivedExperience\":true", journal, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Her answer as each place shows it to <paramref name="reader"/>: agenda (list and item), measures, trail, self-assessment.</summary>
    private static async Task<Shown> ShownTo(TrailProject world, Guid reader, JsonElement decision, Guid itemId, Guid measureId, Guid vera)
    {
        var client = world.As(reader);
        var agenda = await world.People.Read(reader);
        var listed = agenda.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == itemId);
        var single = await (await client.GetAsync($"{world.People.Url}/items/{itemId}").Expect(HttpStatusCode.OK)).Json();
        var measures = await (await client.GetAsync(world.Evaluation.Measures).Expect(HttpStatusCode.OK)).Json();
        var measure = measures.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == measureId);
        var trail = await world.Trail(decision, reader);
        var trailItem = trail.GetProperty("agendaItems").EnumerateArray().Single(i => i.GetProperty("itemId").GetGuid() == itemId);
        var assessment = await (await client.GetAsync($"/api/projects/{world.People.ProjectId}/self-assessment").Expect(HttpStatusCode.OK)).Json();
        var rating = assessment.GetProperty("history").EnumerateArray().Single(e => e.GetProperty("recordedBy").GetGuid() == vera);

        // The decision names her with her ballot, never with her answer.
        var read = await world.Decisions.Read(decision, reader);
        foreach (var vote in read.GetProperty("votes").EnumerateArray())
        {
            Assert.DoesNotContain(vote.EnumerateObject(), p => p.Name.Contains("lived", StringComparison.OrdinalIgnoreCase));
        }

        return new Shown(
            Answer(listed.GetProperty("proposerLivedExperience")),
            Answer(single.GetProperty("proposerLivedExperience")),
            Answer(measure.GetProperty("proposerLivedExperience")),
            Answer(trailItem.GetProperty("proposerLivedExperience")),
            Answer(rating.GetProperty("livedExperience")));
    }

    /// <summary>The report, in JSON, CSV and SVG, has no row pairing a person's item or rating with an answer.</summary>
    private static async Task NoPerPersonAnswerInTheReport(GatewayApplication app, Guid reader, Guid project)
    {
        var client = app.CreateClient(reader);
        var report = await (await client.GetAsync($"/api/projects/{project}/power-balance").Expect(HttpStatusCode.OK)).Json();
        var sections = report.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!);
        foreach (var key in new[] { "agenda", "self-assessment" })
        {
            var columns = sections[key].GetProperty("details").GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
            Assert.DoesNotContain(columns, c => c.Contains("lived experience", StringComparison.Ordinal));
        }

        foreach (var export in new[] { ".csv", ".svg" })
        {
            var text = await (await client.GetAsync($"/api/projects/{project}/power-balance{export}").Expect(HttpStatusCode.OK)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("Vera", text, StringComparison.Ordinal);
            Assert.DoesNotContain("by someone with lived experience", text, StringComparison.Ordinal);
        }
    }

    private static bool? Answer(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetBoolean();

    private sealed record Shown(bool? AgendaList, bool? AgendaItem, bool? Measure, bool? Trail, bool? SelfAssessment);
}

public sealed class SqliteLivedExperienceExposureTests(SqliteGateway database) : LivedExperienceExposureTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresLivedExperienceExposureTests(PostgresGateway database) : LivedExperienceExposureTests(database), IClassFixture<PostgresGateway>;
