using System.Net;
using System.Text.Json;

namespace CoProduce.Gateway.Tests.Evaluation;

public abstract class SurveyResponsesApiTests(GatewayDatabase database)
{
    [Fact]
    public async Task ResultsAreCountedExactly()
    {
        var app = database.Shared;
        var world = await EvaluationProject.Create(app);
        var people = world.People;
        var survey = await world.CreateSurvey();
        var (scale, single, multiple, text) = (EvaluationProject.Question(survey, 0), EvaluationProject.Question(survey, 1), EvaluationProject.Question(survey, 2), EvaluationProject.Question(survey, 3));
        var (carer, nurse) = (EvaluationProject.Option(survey, 1, 0), EvaluationProject.Option(survey, 1, 1));
        var (phone, visit, leaflet) = (EvaluationProject.Option(survey, 2, 0), EvaluationProject.Option(survey, 2, 1), EvaluationProject.Option(survey, 2, 2));

        await world.Respond(survey, people.Contributor, new { questionId = scale, scale = 1 }, new { questionId = single, choice = carer }).Expect(HttpStatusCode.OK);
        await world.Respond(
            survey, people.SecondContributor,
            new { questionId = scale, scale = 4 }, new { questionId = single, choice = carer },
            new { questionId = multiple, choices = new[] { phone, visit } }, new { questionId = text, text = "  Nights are lonely  " }).Expect(HttpStatusCode.OK);
        await world.Respond(survey, people.ThirdContributor, new { questionId = multiple, choices = new[] { visit } }, new { questionId = scale, scale = 5 }).Expect(HttpStatusCode.OK);

        // A second response replaces the first: the contributor now says 2 and a nurse.
        await world.Respond(survey, people.Contributor, new { questionId = scale, scale = 2 }, new { questionId = single, choice = nurse }).Expect(HttpStatusCode.OK);
        var mine = await (await world.As(people.Contributor).GetAsync($"{world.Surveys}/{EvaluationProject.Id(survey)}/response").Expect(HttpStatusCode.OK)).Json();
        Assert.True(mine.GetProperty("responded").GetBoolean());
        Assert.Equal(2, mine.GetProperty("answers")[0].GetProperty("scale").GetInt32());

        var results = (await world.ReadSurvey(survey)).GetProperty("results");
        Assert.Equal(3, results.GetProperty("respondents").GetInt32());
        var questions = results.GetProperty("questions");
        Assert.Equal(3, questions[0].GetProperty("answered").GetInt32());
        Assert.Equal([0, 1, 0, 1, 1], questions[0].GetProperty("scale").EnumerateArray().Select(s => s.GetProperty("count").GetInt32()));
        Assert.Equal("Very easy", questions[0].GetProperty("scale")[4].GetProperty("label").GetString());
        Assert.Equal(3.67m, questions[0].GetProperty("mean").GetDecimal());
        Assert.Equal([1, 1, 0], Counts(questions[1]));
        Assert.Equal(2, questions[1].GetProperty("answered").GetInt32());
        Assert.Equal([1, 2, 0], Counts(questions[2]));
        Assert.Equal(leaflet, questions[2].GetProperty("options")[2].GetProperty("optionId").GetGuid());
        var texts = questions[3].GetProperty("texts");
        Assert.Equal(1, texts.GetArrayLength());
        Assert.Equal("Nights are lonely", texts[0].GetProperty("text").GetString());
        Assert.Equal(people.SecondContributor, texts[0].GetProperty("personId").GetGuid());
        Assert.Equal(JsonValueKind.Null, questions[3].GetProperty("mean").ValueKind);
    }

    private static IEnumerable<int> Counts(JsonElement question) =>
        question.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("count").GetInt32());

    [Fact]
    public async Task BadAnswersAreRefusedAndChangeNothing()
    {
        var app = database.Shared;
        var world = await EvaluationProject.Create(app);
        var person = world.People.Contributor;
        var survey = await world.CreateSurvey();
        var scale = EvaluationProject.Question(survey, 0);
        var single = EvaluationProject.Question(survey, 1);
        var multiple = EvaluationProject.Question(survey, 2);
        var text = EvaluationProject.Question(survey, 3);
        var otherOption = EvaluationProject.Option(survey, 2, 0);
        await world.Respond(survey, person, new { questionId = scale, scale = 3 }).Expect(HttpStatusCode.OK);
        var before = await world.SurveySnapshot(survey);

        object[][] bad =
        [
            [new { questionId = scale, scale = 0 }],
            [new { questionId = scale, scale = 6 }],
            [new { questionId = scale, scale = 3 }, new { questionId = single, choice = Guid.NewGuid() }],
            [new { questionId = scale, scale = 3 }, new { questionId = single, choice = otherOption }],
            [new { questionId = scale, scale = 3 }, new { questionId = multiple, choices = new[] { otherOption, otherOption } }],
            [new { questionId = scale, scale = 3 }, new { questionId = multiple, choices = new[] { Guid.NewGuid() } }],
            [new { questionId = single, choice = EvaluationProject.Option(survey, 1, 0) }],
            [],
            [new { questionId = scale, scale = 3 }, new { questionId = Guid.NewGuid(), text = "?" }],
            [new { questionId = scale, scale = 3 }, new { questionId = scale, scale = 4 }],
            [new { questionId = scale, scale = 3, text = "and words" }],
            [new { questionId = scale, scale = 3 }, new { questionId = text, text = " " }],
            [new { questionId = scale, scale = 3 }, new { questionId = text, text = new string('x', 4001) }],
            [new { questionId = scale, choice = otherOption }],
        ];
        foreach (var answers in bad)
        {
            var refused = await world.Respond(survey, person, answers).Expect(HttpStatusCode.BadRequest);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        await world.As(person).PutJson($"{world.Surveys}/{EvaluationProject.Id(survey)}/response", new { answers = new[] { new { questionId = scale, scale = "high" } } })
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(before, await world.SurveySnapshot(survey));
        var mine = await (await world.As(person).GetAsync($"{world.Surveys}/{EvaluationProject.Id(survey)}/response").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(3, mine.GetProperty("answers")[0].GetProperty("scale").GetInt32());
    }

    [Fact]
    public async Task ResultsAreForFacilitatorsUntilCloseThenForEveryone()
    {
        var app = database.Shared;
        var world = await EvaluationProject.Create(app);
        var people = world.People;
        var survey = await world.CreateSurvey();
        await world.Respond(survey, people.SecondContributor, new { questionId = EvaluationProject.Question(survey, 0), scale = 5 }).Expect(HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Null, (await world.ReadSurvey(survey, people.Contributor)).GetProperty("results").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await world.ReadSurvey(survey, people.Observer)).GetProperty("results").ValueKind);
        Assert.Equal(1, (await world.ReadSurvey(survey, people.StaffFacilitator)).GetProperty("results").GetProperty("respondents").GetInt32());

        await world.As(people.Contributor).PostAsync($"{world.Surveys}/{EvaluationProject.Id(survey)}/close", null).Expect(HttpStatusCode.Forbidden);
        var closed = await (await world.Close(survey).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        Assert.Equal(1, (await world.ReadSurvey(survey, people.Observer)).GetProperty("results").GetProperty("respondents").GetInt32());

        var before = await world.SurveySnapshot(survey);
        await world.Respond(survey, people.Contributor, new { questionId = EvaluationProject.Question(survey, 0), scale = 1 }).Expect(HttpStatusCode.Conflict);
        await world.Close(survey).Expect(HttpStatusCode.Conflict);
        Assert.Equal(before, await world.SurveySnapshot(survey));
    }
}

public sealed class SqliteSurveyResponsesApiTests(SqliteGateway database) : SurveyResponsesApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresSurveyResponsesApiTests(PostgresGateway database) : SurveyResponsesApiTests(database), IClassFixture<PostgresGateway>;
