using System.Net;
using System.Text.Json;

namespace CoProduce.Gateway.Tests.Evaluation;

public abstract class SurveyAnonymityApiTests(GatewayDatabase database)
{
    [Fact]
    public async Task NobodyCanTellWhoAnsweredWhatInAnAnonymousSurvey()
    {
        var app = database.Shared;
        var world = await EvaluationProject.Create(app);
        var people = world.People;
        var survey = await world.CreateSurvey(anonymous: true);
        var id = EvaluationProject.Id(survey);
        var (scale, text) = (EvaluationProject.Question(survey, 0), EvaluationProject.Question(survey, 3));
        Guid[] respondents = [people.Contributor, people.SecondContributor, people.ThirdContributor];

        await world.Respond(survey, people.Contributor, new { questionId = scale, scale = 2 }, new { questionId = text, text = "The night staff are kind" }).Expect(HttpStatusCode.OK);
        await people.AsSupporterOf(people.Contributor).PutJson($"{world.Surveys}/{id}/response", new { answers = new[] { new { questionId = scale, scale = 3 } } })
            .Expect(HttpStatusCode.OK);
        await world.Respond(survey, people.SecondContributor, new { questionId = scale, scale = 5 }, new { questionId = text, text = "Nobody came" }).Expect(HttpStatusCode.OK);
        await world.Respond(survey, people.ThirdContributor, new { questionId = scale, scale = 4 }).Expect(HttpStatusCode.OK);

        // The person's own response is theirs to see; the supporter's change replaced it under the same hidden key.
        var mine = await (await world.As(people.Contributor).GetAsync($"{world.Surveys}/{id}/response").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(3, mine.GetProperty("answers")[0].GetProperty("scale").GetInt32());
        await world.Close(survey).Expect(HttpStatusCode.OK);

        var results = (await world.ReadSurvey(survey, people.StaffFacilitator)).GetProperty("results");
        Assert.Equal(3, results.GetProperty("respondents").GetInt32());
        Assert.Equal(4m, results.GetProperty("questions")[0].GetProperty("mean").GetDecimal());
        var texts = results.GetProperty("questions")[3].GetProperty("texts");
        Assert.Equal(["Nobody came"], texts.EnumerateArray().Select(t => t.GetProperty("text").GetString()));
        Assert.All(texts.EnumerateArray(), t => Assert.Equal(JsonValueKind.Null, t.GetProperty("personId").ValueKind));

        // Neither the stored survey nor its journal names a respondent or their supporter anywhere.
        var journal = await world.Journal("survey", id);
        Assert.Equal(4, journal.Count(e => e.Type.Contains("SurveyResponded", StringComparison.Ordinal)));
        var stored = (await database.DumpAsync()).Where(r => r.StartsWith($"survey | {id:D} |", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(stored);
        Assert.Contains(stored, r => r.Contains("Nobody came", StringComparison.Ordinal));
        foreach (var person in respondents.Append(people.Supporter))
        {
            foreach (var form in new[] { person.ToString("D"), person.ToString("N") })
            {
                Assert.DoesNotContain(journal, e => e.Json.Contains(form, StringComparison.OrdinalIgnoreCase));
                Assert.DoesNotContain(stored, r => r.Contains(form, StringComparison.OrdinalIgnoreCase));
            }
        }

        // A response event says only that a response came in, so the order of events cannot pair words with people.
        Assert.All(journal.Where(e => e.Type.Contains("SurveyResponded", StringComparison.Ordinal)), e =>
            Assert.DoesNotContain("Nobody came", e.Json, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOpenSurveyNamesWhoAnsweredWhat()
    {
        var app = database.Shared;
        var world = await EvaluationProject.Create(app);
        var survey = await world.CreateSurvey();
        var id = EvaluationProject.Id(survey);
        await world.Respond(survey, world.People.SecondContributor, new { questionId = EvaluationProject.Question(survey, 0), scale = 4 }).Expect(HttpStatusCode.OK);
        var journal = await world.Journal("survey", id);
        Assert.Contains(journal, e => e.Type.Contains("SurveyResponded", StringComparison.Ordinal)
            && e.Json.Contains(world.People.SecondContributor.ToString("D"), StringComparison.OrdinalIgnoreCase));
    }
}

public sealed class SqliteSurveyAnonymityApiTests(SqliteGateway database) : SurveyAnonymityApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresSurveyAnonymityApiTests(PostgresGateway database) : SurveyAnonymityApiTests(database), IClassFixture<PostgresGateway>;
