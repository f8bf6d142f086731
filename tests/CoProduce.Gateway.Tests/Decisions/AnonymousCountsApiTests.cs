using System.Net;
using System.Text.RegularExpressions;
using CoProduce.Gateway.Tests.Evaluation;

namespace CoProduce.Gateway.Tests.Decisions;

/// <summary>
/// While an anonymous decision or survey is open, a ballot or an answer changes nothing that anyone (the
/// facilitator, staff, other contributors, observers) can read over HTTP: not the results, not the number
/// of voters, not the ETag, not the lists, the trail or the power-balance report. Everything appears at close.
/// </summary>
public abstract partial class AnonymousCountsApiTests(GatewayDatabase database)
{
    [Fact]
    public async Task ABallotInAnOpenAnonymousDecisionChangesNothingAnyoneCanRead()
    {
        var app = database.Shared;
        var world = await DecisionProject.Create(app);
        var people = world.People;
        var decision = await world.Decide("ChooseOne", ["Library", "Community centre"], extra: new { anonymous = true });
        var id = DecisionProject.Id(decision);
        string[] urls = [$"{world.Url}/{id}", world.Url, $"{world.Url}/{id}/trail", $"/api/projects/{people.ProjectId}/power-balance"];
        Guid[] readers = [people.Facilitator, people.StaffFacilitator, people.Contributor, people.SecondContributor, people.Observer];

        var before = await Reads(world.As, urls, readers);
        await world.Vote(decision, people.Contributor, new { choice = DecisionProject.Option(decision, 0) }).Expect(HttpStatusCode.OK);
        var after = await Reads(world.As, urls, readers);
        Assert.True(before.SequenceEqual(after), string.Join("\n", before.Except(after).Concat(after.Except(before))));
        await world.Vote(decision, people.SecondContributor, new { choice = DecisionProject.Option(decision, 1) }).Expect(HttpStatusCode.OK);
        await world.Vote(decision, people.Contributor, new { choice = DecisionProject.Option(decision, 1) }).Expect(HttpStatusCode.OK);
        Assert.Equal(before, await Reads(world.As, urls, readers));

        await world.Close(decision).Expect(HttpStatusCode.OK);
        var closed = await world.Read(decision, people.Observer);
        Assert.Equal(2, closed.GetProperty("voters").GetInt32());
        var centre = DecisionProject.Option(decision, 1);
        Assert.Equal(2, closed.GetProperty("results").GetProperty("options").EnumerateArray()
            .Single(o => o.GetProperty("optionId").GetGuid() == centre).GetProperty("backers").GetInt32());
        Assert.Empty(closed.GetProperty("votes").EnumerateArray());
    }

    [Fact]
    public async Task AnAnswerToAnOpenAnonymousSurveyChangesNothingAnyoneCanRead()
    {
        var app = database.Shared;
        var world = await EvaluationProject.Create(app);
        var people = world.People;
        var survey = await world.CreateSurvey(anonymous: true);
        var id = EvaluationProject.Id(survey);
        var scale = EvaluationProject.Question(survey, 0);
        string[] urls = [$"{world.Surveys}/{id}", world.Surveys];
        Guid[] readers = [people.Facilitator, people.StaffFacilitator, people.Contributor, people.SecondContributor, people.Observer];

        var before = await Reads(world.As, urls, readers);
        await world.Respond(survey, people.Contributor, new { questionId = scale, scale = 1 }).Expect(HttpStatusCode.OK);
        Assert.Equal(before, await Reads(world.As, urls, readers));
        await world.Respond(survey, people.SecondContributor, new { questionId = scale, scale = 5 }).Expect(HttpStatusCode.OK);
        Assert.Equal(before, await Reads(world.As, urls, readers));

        await world.Close(survey).Expect(HttpStatusCode.OK);
        var closed = await world.ReadSurvey(survey, people.Observer);
        Assert.Equal(2, closed.GetProperty("respondents").GetInt32());
        Assert.Equal(3m, closed.GetProperty("results").GetProperty("questions")[0].GetProperty("mean").GetDecimal());
    }

    /// <summary>A report's time of making, which moves with every read whatever happened.</summary>
    [GeneratedRegex("\"generatedAt\":\"[^\"]*\"")]
    private static partial Regex GeneratedAt();

    /// <summary>What each reader gets from each address: status, ETag and body, exactly.</summary>
    private static async Task<List<string>> Reads(Func<Guid, HttpClient> @as, string[] urls, Guid[] readers)
    {
        var reads = new List<string>();
        foreach (var reader in readers)
        {
            foreach (var url in urls)
            {
                var response = await @as(reader).GetAsync(url);
                var body = GeneratedAt().Replace(await response.Content.ReadAsStringAsync(), "");
                reads.Add($"{reader} {url} {(int)response.StatusCode} {response.Headers.ETag} {body}");
            }
        }

        return reads;
    }
}

public sealed class SqliteAnonymousCountsApiTests(SqliteGateway database) : AnonymousCountsApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresAnonymousCountsApiTests(PostgresGateway database) : AnonymousCountsApiTests(database), IClassFixture<PostgresGateway>;
