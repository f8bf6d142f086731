using System.Net;
using CoProduce.Gateway.Tests.Agenda;

namespace CoProduce.Gateway.Tests.Evaluation;

public abstract class MeasuresApiTests(GatewayDatabase database)
{
    [Fact]
    public async Task AContributorsMeasureKeepsItsProvenanceAndTheGroupsAnswers()
    {
        var app = database.Shared;
        var world = await EvaluationProject.Create(app);
        var people = world.People;
        var created = await (await people.AsSupporterOf(people.Contributor)
            .PostJson(world.Measures, new { name = "Calls answered at night", whatItMeasures = "Getting through", howCollected = "Call diary", easyReadSummary = "Do people get an answer?" })
            .Expect(HttpStatusCode.Created)).Json();
        Assert.Equal(people.Contributor, created.GetProperty("proposedBy").GetGuid());
        Assert.Equal(people.Supporter, created.GetProperty("supportedBy").GetGuid());
        Assert.Equal("Contributor", created.GetProperty("proposerRole").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created.GetProperty("proposerLivedExperience").ValueKind);
        Assert.Equal("Do people get an answer?", created.GetProperty("easyReadSummary").GetString());

        var byFacilitator = await world.Propose(people.Facilitator, "Hours of care delivered");
        Assert.Equal("Facilitator", byFacilitator.GetProperty("proposerRole").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, byFacilitator.GetProperty("proposerLivedExperience").ValueKind);
        var facilitated = (await (await people.As(people.Facilitator).GetAsync(world.Measures).Expect(HttpStatusCode.OK)).Json()).GetProperty("measures");
        Assert.True(facilitated[0].GetProperty("proposerLivedExperience").GetBoolean());

        await world.Endorse(people.SecondContributor, created, true).Expect(HttpStatusCode.OK);
        await world.Endorse(people.ThirdContributor, created, false, "A diary is too much").Expect(HttpStatusCode.OK);
        await world.Endorse(people.Contributor, byFacilitator, false, "Counts hours, not whether it helped").Expect(HttpStatusCode.OK);

        // A change of mind replaces the earlier answer.
        await world.Endorse(people.ThirdContributor, created, true, "Fine with a phone instead").Expect(HttpStatusCode.OK);
        var read = await (await world.As(people.Observer).GetAsync(world.Measures).Expect(HttpStatusCode.OK)).Json();
        var endorsements = read.GetProperty("measures")[0].GetProperty("endorsements");
        Assert.Equal(2, endorsements.GetArrayLength());
        Assert.All(endorsements.EnumerateArray(), e => Assert.True(e.GetProperty("endorses").GetBoolean()));
        Assert.Equal("Fine with a phone instead", endorsements[1].GetProperty("comment").GetString());

        var agreed = await (await world.As(people.StaffFacilitator).PostAsync(world.Agree, null).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Agreed", agreed.GetProperty("status").GetString());
        var agreement = agreed.GetProperty("agreement");
        Assert.Equal(people.StaffFacilitator, agreement.GetProperty("by").GetGuid());
        var first = agreement.GetProperty("measures")[0];
        Assert.Equal([people.SecondContributor, people.ThirdContributor], first.GetProperty("endorsedBy").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Empty(first.GetProperty("objectedBy").EnumerateArray());
        var second = agreement.GetProperty("measures")[1];
        Assert.Equal([people.Contributor], second.GetProperty("objectedBy").EnumerateArray().Select(e => e.GetGuid()));

        // Agreed measures stay as agreed.
        var before = await world.MeasuresSnapshot();
        await world.Endorse(people.Contributor, created, false).Expect(HttpStatusCode.Conflict);
        await world.As(people.Contributor).PostJson(world.Measures, EvaluationProject.MeasureBody("Late")).Expect(HttpStatusCode.Conflict);
        await world.As(people.Facilitator).PostAsync(world.Agree, null).Expect(HttpStatusCode.Conflict);
        Assert.Equal(before, await world.MeasuresSnapshot());
    }

    [Fact]
    public async Task MeasuresAreAgreedByTheGroupNotImposed()
    {
        var app = database.Shared;
        var world = await EvaluationProject.Create(app);
        await world.As(world.People.Facilitator).PostAsync(world.Agree, null).Expect(HttpStatusCode.Conflict);
        await world.Propose(world.People.Facilitator);
        await world.As(world.People.Facilitator).PostAsync(world.Agree, null).Expect(HttpStatusCode.Conflict);
        await world.As(world.People.Contributor).PostAsync(world.Agree, null).Expect(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task EditsNeedTheLatestETagAndTheProposerOrAFacilitator()
    {
        var app = database.Shared;
        var world = await EvaluationProject.Create(app);
        var people = world.People;
        var measure = await world.Propose(people.Contributor);
        var url = $"{world.Measures}/{EvaluationProject.Id(measure)}";
        var edit = EvaluationProject.MeasureBody("Calls answered within 5 minutes");

        await AgendaProject.Send(people.As(people.Contributor), HttpMethod.Put, url, edit, null).Expect(HttpStatusCode.BadRequest);
        await people.Send(people.SecondContributor, HttpMethod.Put, url, edit, "\"1\"").Expect(HttpStatusCode.Forbidden);
        await world.Endorse(people.SecondContributor, measure, true).Expect(HttpStatusCode.OK);

        // The endorsement moved the measure on; an edit of the version first read is stale.
        var before = await world.MeasuresSnapshot();
        await people.Send(people.Contributor, HttpMethod.Put, url, edit, "\"1\"").Expect(HttpStatusCode.PreconditionFailed);
        Assert.Equal(before, await world.MeasuresSnapshot());

        var current = await people.As(people.Contributor).GetAsync(url).Expect(HttpStatusCode.OK);
        var edited = await (await people.Send(people.Contributor, HttpMethod.Put, url, edit, current.Headers.ETag!.Tag).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Calls answered within 5 minutes", edited.GetProperty("name").GetString());
        Assert.Empty(edited.GetProperty("endorsements").EnumerateArray());
        Assert.Equal(people.Contributor, edited.GetProperty("proposedBy").GetGuid());

        var again = await people.As(people.Facilitator).GetAsync(url).Expect(HttpStatusCode.OK);
        await people.Send(people.Facilitator, HttpMethod.Put, url, EvaluationProject.MeasureBody("By a facilitator"), again.Headers.ETag!.Tag).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task BadMeasuresAreRefusedAndChangeNothing()
    {
        var app = database.Shared;
        var world = await EvaluationProject.Create(app);
        var measure = await world.Propose(world.People.Contributor);
        var before = await world.MeasuresSnapshot();
        var client = world.As(world.People.Contributor);
        await client.PostJson(world.Measures, new { name = " ", whatItMeasures = "x", howCollected = "y" }).Expect(HttpStatusCode.BadRequest);
        await client.PostJson(world.Measures, new { name = "x", whatItMeasures = "x" }).Expect(HttpStatusCode.BadRequest);
        await client.PostJson(world.Measures, new { name = new string('x', 201), whatItMeasures = "x", howCollected = "y" }).Expect(HttpStatusCode.BadRequest);
        await world.Endorse(world.People.Contributor, measure, true, new string('x', 4001)).Expect(HttpStatusCode.BadRequest);
        await client.PostJson($"{world.Measures}/{Guid.NewGuid()}/endorsement", new { endorses = true }).Expect(HttpStatusCode.NotFound);
        Assert.Equal(before, await world.MeasuresSnapshot());
    }

    [Fact]
    public async Task ObserversReadAndOutsidersAreToldTheProjectDoesNotExist()
    {
        var app = database.Shared;
        var world = await EvaluationProject.Create(app);
        var people = world.People;
        var measure = await world.Propose(people.Contributor);
        var url = $"{world.Measures}/{EvaluationProject.Id(measure)}";
        var before = await world.MeasuresSnapshot();
        var journalled = (await world.Journal("evaluation", people.ProjectId)).Count;

        foreach (var (person, refusal) in new[]
        {
            (people.Observer, HttpStatusCode.Forbidden), (people.FinanceStaff, HttpStatusCode.Forbidden),
            (people.Stranger, HttpStatusCode.NotFound), (people.OtherOrganisationAdmin, HttpStatusCode.NotFound), (people.Supporter, HttpStatusCode.NotFound),
        })
        {
            var client = world.As(person);
            var reads = refusal == HttpStatusCode.Forbidden ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            await client.GetAsync(world.Measures).Expect(reads);
            await client.GetAsync(url).Expect(reads);
            await client.PostJson(world.Measures, EvaluationProject.MeasureBody()).Expect(refusal);
            await people.Send(person, HttpMethod.Put, url, EvaluationProject.MeasureBody("x"), "\"1\"").Expect(refusal);
            await world.Endorse(person, measure, true).Expect(refusal);
            await client.PostAsync(world.Agree, null).Expect(refusal);
        }

        Assert.Equal(before, await world.MeasuresSnapshot());
        Assert.Equal(journalled, (await world.Journal("evaluation", people.ProjectId)).Count);
        await world.As(people.Facilitator).GetAsync($"/api/projects/{Guid.NewGuid()}/evaluation/measures").Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ARetriedProposalWithTheSameKeyMakesOneMeasure()
    {
        var app = database.Shared;
        var world = await EvaluationProject.Create(app);
        var answers = new string[2];
        for (var i = 0; i < 2; i++)
        {
            var request = Scenario.Request(HttpMethod.Post, world.Measures, EvaluationProject.MeasureBody());
            request.Headers.Add("Idempotency-Key", "measure-calls");
            answers[i] = await (await world.As(world.People.Contributor).SendAsync(request)).Content.ReadAsStringAsync();
        }

        Assert.Equal(answers[0], answers[1]);
        var read = await (await world.As(world.People.Facilitator).GetAsync(world.Measures).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(1, read.GetProperty("measures").GetArrayLength());
    }
}

public sealed class SqliteMeasuresApiTests(SqliteGateway database) : MeasuresApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresMeasuresApiTests(PostgresGateway database) : MeasuresApiTests(database), IClassFixture<PostgresGateway>;
