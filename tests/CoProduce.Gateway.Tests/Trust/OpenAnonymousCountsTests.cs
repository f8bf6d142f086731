using System.Net;
using System.Text.Json;
using CoProduce.Gateway.Tests.Decisions;
using CoProduce.Gateway.Tests.Evaluation;

namespace CoProduce.Gateway.Tests.Trust;

/// <summary>
/// While an anonymous decision or survey is open its counts are not known yet, and say so: they read null, not
/// 0, everywhere they appear (the item, the list, the decision's trail), so no client takes them for a real zero.
/// A decision that is not anonymous is the control: its open count is a real number.
/// </summary>
public abstract class OpenAnonymousCountsTests(GatewayDatabase database)
{
    [Fact]
    public async Task AnOpenAnonymousDecisionsVotersReadNullUntilItClosesAndANamedOnesReadTheirNumber()
    {
        var app = database.Shared;
        var world = await DecisionProject.Create(app);
        var people = world.People;
        var anonymous = await world.Decide("ChooseOne", ["Library", "Hub"], extra: new { anonymous = true });
        var named = await world.Decide("ChooseOne", ["Library", "Hub"]);
        foreach (var decision in new[] { anonymous, named })
        {
            await world.Vote(decision, people.Contributor, new { choice = DecisionProject.Option(decision, 0) }).Expect(HttpStatusCode.OK);
        }

        async Task<List<JsonElement>> Counts(JsonElement decision)
        {
            var id = DecisionProject.Id(decision);
            var client = world.As(people.Facilitator);
            var list = await (await client.GetAsync(world.Url).Expect(HttpStatusCode.OK)).Json();
            return
            [
                (await world.Read(decision, people.Facilitator)).GetProperty("voters"),
                list.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == id).GetProperty("voters"),
                (await (await client.GetAsync($"{world.Url}/{id}/trail").Expect(HttpStatusCode.OK)).Json()).GetProperty("voters"),
            ];
        }

        Assert.All(await Counts(anonymous), voters => Assert.Equal(JsonValueKind.Null, voters.ValueKind));
        Assert.All(await Counts(named), voters => Assert.Equal(1, voters.GetInt32()));

        await world.Close(anonymous).Expect(HttpStatusCode.OK);
        Assert.All(await Counts(anonymous), voters => Assert.Equal(1, voters.GetInt32()));
    }

    [Fact]
    public async Task AnOpenAnonymousSurveysRespondentsReadNullUntilItCloses()
    {
        var app = database.Shared;
        var world = await EvaluationProject.Create(app);
        var people = world.People;
        var survey = await world.CreateSurvey(anonymous: true);
        var id = EvaluationProject.Id(survey);
        await world.Respond(survey, people.Contributor, new { questionId = EvaluationProject.Question(survey, 0), scale = 4 }).Expect(HttpStatusCode.OK);

        async Task<List<JsonElement>> Counts()
        {
            var list = await (await world.As(people.Facilitator).GetAsync(world.Surveys).Expect(HttpStatusCode.OK)).Json();
            return
            [
                (await world.ReadSurvey(survey, people.Facilitator)).GetProperty("respondents"),
                list.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == id).GetProperty("respondents"),
            ];
        }

        Assert.All(await Counts(), respondents => Assert.Equal(JsonValueKind.Null, respondents.ValueKind));
        await world.Close(survey).Expect(HttpStatusCode.OK);
        Assert.All(await Counts(), respondents => Assert.Equal(1, respondents.GetInt32()));
    }
}

public sealed class SqliteOpenAnonymousCountsTests(SqliteGateway database) : OpenAnonymousCountsTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresOpenAnonymousCountsTests(PostgresGateway database) : OpenAnonymousCountsTests(database), IClassFixture<PostgresGateway>;
