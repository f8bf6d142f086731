using System.Net;
using CoProduce.Gateway.Tests.Decisions;

namespace CoProduce.Gateway.Tests.Evaluation;

public abstract class SurveysApiTests(GatewayDatabase database)
{
    [Fact]
    public async Task FacilitatorsCreateSurveysAndEveryoneInTheProjectListsThem()
    {
        var app = database.Shared;
        var world = await EvaluationProject.Create(app);
        var people = world.People;
        var first = await world.CreateSurvey();
        Assert.Equal("Open", first.GetProperty("status").GetString());
        Assert.Equal(4, first.GetProperty("questions").GetArrayLength());
        Assert.Equal(people.Facilitator, first.GetProperty("createdBy").GetGuid());
        var second = await world.CreateSurvey(anonymous: true);

        var page = await (await world.As(people.Observer).GetAsync($"{world.Surveys}?offset=0&limit=1").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.Equal(EvaluationProject.Id(second), page.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.True(page.GetProperty("items")[0].GetProperty("anonymous").GetBoolean());

        foreach (var person in new[] { people.Contributor, people.Observer, people.FinanceStaff })
        {
            await world.As(person).PostJson(world.Surveys, EvaluationProject.SurveyBody()).Expect(HttpStatusCode.Forbidden);
        }

        await world.As(people.StaffFacilitator).PostJson(world.Surveys, EvaluationProject.SurveyBody()).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ObserversCannotRespondAndOutsidersAreToldNothingExists()
    {
        var app = database.Shared;
        var world = await EvaluationProject.Create(app);
        var people = world.People;
        var survey = await world.CreateSurvey();
        var url = $"{world.Surveys}/{EvaluationProject.Id(survey)}";
        var answer = new { questionId = EvaluationProject.Question(survey, 0), scale = 3 };
        var before = await world.SurveySnapshot(survey);
        var journalled = (await world.Journal("survey", EvaluationProject.Id(survey))).Count;

        await world.Respond(survey, people.Observer, answer).Expect(HttpStatusCode.Forbidden);
        await world.Respond(survey, people.FinanceStaff, answer).Expect(HttpStatusCode.Forbidden);
        await world.As(people.Observer).PostAsync($"{url}/close", null).Expect(HttpStatusCode.Forbidden);
        foreach (var outsider in new[] { people.Stranger, people.OtherOrganisationAdmin, people.Supporter })
        {
            var client = world.As(outsider);
            await client.GetAsync(world.Surveys).Expect(HttpStatusCode.NotFound);
            await client.GetAsync(url).Expect(HttpStatusCode.NotFound);
            await client.GetAsync($"{url}/response").Expect(HttpStatusCode.NotFound);
            await client.PostJson(world.Surveys, EvaluationProject.SurveyBody()).Expect(HttpStatusCode.NotFound);
            await world.Respond(survey, outsider, answer).Expect(HttpStatusCode.NotFound);
            await client.PostAsync($"{url}/close", null).Expect(HttpStatusCode.NotFound);
        }

        // A survey named under another project is not found there.
        var elsewhere = await EvaluationProject.Create(app);
        await world.As(elsewhere.People.Facilitator).GetAsync($"{elsewhere.Surveys}/{EvaluationProject.Id(survey)}").Expect(HttpStatusCode.NotFound);
        await world.As(people.Facilitator).GetAsync($"{world.Surveys}/{Guid.NewGuid()}").Expect(HttpStatusCode.NotFound);

        Assert.Equal(before, await world.SurveySnapshot(survey));
        Assert.Equal(journalled, (await world.Journal("survey", EvaluationProject.Id(survey))).Count);
    }

    [Fact]
    public async Task BadSurveysAreRefused()
    {
        var app = database.Shared;
        var world = await EvaluationProject.Create(app);
        var client = world.As(world.People.Facilitator);
        object[] questions =
        [
            new { text = "Scale too long", kind = "Scale", scaleMax = 11 },
            new { text = "Scale without a top", kind = "Scale" },
            new { text = "Labels that do not fit", kind = "Scale", scaleMax = 3, scaleLabels = new[] { "Low", "High" } },
            new { text = "One option", kind = "SingleChoice", options = new[] { "Only" } },
            new { text = "Same option twice", kind = "MultipleChoice", options = new[] { "Yes", "yes" } },
            new { text = "Words with options", kind = "FreeText", options = new[] { "a", "b" } },
            new { text = " ", kind = "FreeText" },
        ];
        foreach (var question in questions)
        {
            await client.PostJson(world.Surveys, new { title = "Bad", questions = new[] { question } }).Expect(HttpStatusCode.BadRequest);
        }

        var tooMany = Enumerable.Range(0, 51).Select(i => new { text = $"Question {i}", kind = "FreeText" }).ToArray();
        await client.PostJson(world.Surveys, new { title = "Too long", questions = tooMany }).Expect(HttpStatusCode.BadRequest);
        await client.PostJson(world.Surveys, new { title = "Empty", questions = Array.Empty<object>() }).Expect(HttpStatusCode.BadRequest);
        await client.PostJson(world.Surveys, new { title = "No kind", questions = new[] { new { text = "?" } } }).Expect(HttpStatusCode.BadRequest);
        await client.PostJson(world.Surveys, new { title = "Unknown kind", questions = new[] { new { text = "?", kind = "Essay" } } }).Expect(HttpStatusCode.BadRequest);

        var fifty = Enumerable.Range(0, 50).Select(i => new { text = $"Question {i}", kind = "FreeText" }).ToArray();
        await client.PostJson(world.Surveys, new { title = "Just fits", questions = fifty }).Expect(HttpStatusCode.Created);
        var list = await (await client.GetAsync(world.Surveys).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task SurveysLinkToTheProjectsDecisionsAsEvidence()
    {
        var app = database.Shared;
        var decisions = await DecisionProject.Create(app);
        var decision = DecisionProject.Id(await decisions.Decide("Consent"));
        var world = new EvaluationProject(app, decisions.People);
        var elsewhere = await DecisionProject.Create(app);
        var foreign = DecisionProject.Id(await elsewhere.Decide("Consent"));
        var action = Guid.NewGuid();
        var client = world.As(world.People.Facilitator);

        var body = EvaluationProject.SurveyBody();
        body["decisionIds"] = new[] { foreign };
        await client.PostJson(world.Surveys, body).Expect(HttpStatusCode.BadRequest);
        body["decisionIds"] = new[] { Guid.NewGuid() };
        await client.PostJson(world.Surveys, body).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(0, (await (await client.GetAsync(world.Surveys).Expect(HttpStatusCode.OK)).Json()).GetProperty("total").GetInt32());

        body["decisionIds"] = new[] { decision, decision };
        body["actionIds"] = new[] { action };
        var created = await (await client.PostJson(world.Surveys, body).Expect(HttpStatusCode.Created)).Json();
        Assert.Equal([decision], created.GetProperty("decisionIds").EnumerateArray().Select(d => d.GetGuid()));
        Assert.Equal([action], created.GetProperty("actionIds").EnumerateArray().Select(d => d.GetGuid()));
    }

    [Fact]
    public async Task ARetriedCreateWithTheSameKeyMakesOneSurvey()
    {
        var app = database.Shared;
        var world = await EvaluationProject.Create(app);
        var answers = new string[2];
        for (var i = 0; i < 2; i++)
        {
            var request = Scenario.Request(HttpMethod.Post, world.Surveys, EvaluationProject.SurveyBody());
            request.Headers.Add("Idempotency-Key", "survey-nights");
            answers[i] = await (await world.As(world.People.Facilitator).SendAsync(request)).Content.ReadAsStringAsync();
        }

        Assert.Equal(answers[0], answers[1]);
        var list = await (await world.As(world.People.Facilitator).GetAsync(world.Surveys).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }
}

public sealed class SqliteSurveysApiTests(SqliteGateway database) : SurveysApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresSurveysApiTests(PostgresGateway database) : SurveysApiTests(database), IClassFixture<PostgresGateway>;
