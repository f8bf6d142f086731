using System.Net;
using System.Text.Json;

namespace CoProduce.Gateway.Tests.Agenda;

public abstract class AgendaAgreementApiTests(GatewayDatabase database)
{
    private static async Task<(AgendaProject Project, Guid Item)> Ranked(GatewayApplication app)
    {
        var project = await AgendaProject.Create(app);
        var item = (await project.ProposeItems("Night visits", "Paying for travel"))[0];
        await project.OpenRanking("DotVote", 3).Expect(HttpStatusCode.OK);
        await project.PlaceDots(project.Contributor, (item, 3)).Expect(HttpStatusCode.OK);
        await project.Close().Expect(HttpStatusCode.OK);
        return (project, item);
    }

    private static Task<HttpResponseMessage> Answer(HttpClient client, AgendaProject project, bool agrees, string? comment = null) =>
        client.PostJson($"{project.Url}/agreement", new { agrees, comment });

    private static Dictionary<Guid, JsonElement> Answers(JsonElement agenda) =>
        agenda.GetProperty("agreement").EnumerateArray().ToDictionary(a => a.GetProperty("personId").GetGuid());

    [Fact]
    public async Task AgreementRecordsWhoAgreedAndWhoObjected()
    {
        var app = database.Shared;
        var (project, _) = await Ranked(app);
        await Answer(project.As(project.Contributor), project, agrees: false, "Travel should come first").Expect(HttpStatusCode.OK);
        await Answer(project.As(project.SecondContributor), project, agrees: true).Expect(HttpStatusCode.OK);
        await Answer(project.As(project.Facilitator), project, agrees: true).Expect(HttpStatusCode.OK);

        // A change of mind, made with a supporter: the latest answer counts, and it says who helped.
        await Answer(project.AsSupporterOf(project.Contributor), project, agrees: true, "Happy after the discussion").Expect(HttpStatusCode.OK);
        await Answer(project.As(project.ThirdContributor), project, agrees: false, "Night visits are not my issue").Expect(HttpStatusCode.OK);

        var agreed = await (await project.As(project.Facilitator).PostAsync($"{project.Url}/agree", null).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Agreed", agreed.GetProperty("status").GetString());
        Assert.Equal(project.Facilitator, agreed.GetProperty("confirmedBy").GetGuid());
        var answers = Answers(agreed);
        Assert.Equal(4, answers.Count);
        Assert.True(answers[project.Contributor].GetProperty("agrees").GetBoolean());
        Assert.Equal(project.Supporter, answers[project.Contributor].GetProperty("supportedBy").GetGuid());
        Assert.Equal("Happy after the discussion", answers[project.Contributor].GetProperty("comment").GetString());
        Assert.False(answers[project.ThirdContributor].GetProperty("agrees").GetBoolean());
        Assert.Equal("Night visits are not my issue", answers[project.ThirdContributor].GetProperty("comment").GetString());

        var journal = await project.Journal();
        Assert.Equal(5, journal.Count(e => e.Type == "AgreementRecorded"));
        var confirmed = JsonDocument.Parse(journal[^1].Json).RootElement;
        Assert.Equal("AgendaAgreed", journal[^1].Type);
        Assert.Equal(
            new[] { project.Contributor, project.SecondContributor, project.Facilitator }.Order(),
            confirmed.GetProperty("agreedBy").EnumerateArray().Select(p => p.GetGuid()).Order());
        Assert.Equal([project.ThirdContributor], confirmed.GetProperty("objectedBy").EnumerateArray().Select(p => p.GetGuid()));
    }

    [Fact]
    public async Task AgreementNeedsARankedAgendaAndSomeoneToHaveAnswered()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var item = (await project.ProposeItems("Night visits"))[0];
        var agree = () => project.As(project.Facilitator).PostAsync($"{project.Url}/agree", null);
        await Answer(project.As(project.Contributor), project, agrees: true).Expect(HttpStatusCode.Conflict);
        await agree().Expect(HttpStatusCode.Conflict);

        await project.OpenRanking("DotVote", 1).Expect(HttpStatusCode.OK);
        await project.PlaceDots(project.Contributor, (item, 1)).Expect(HttpStatusCode.OK);
        await Answer(project.As(project.Contributor), project, agrees: true).Expect(HttpStatusCode.Conflict);
        await project.Close().Expect(HttpStatusCode.OK);
        await agree().Expect(HttpStatusCode.Conflict);

        await Answer(project.As(project.Contributor), project, agrees: true, new string('c', 4001)).Expect(HttpStatusCode.BadRequest);
        await project.As(project.Contributor).PostJson($"{project.Url}/agreement", new { comment = "no answer" }).Expect(HttpStatusCode.BadRequest);
        await Answer(project.As(project.Contributor), project, agrees: true).Expect(HttpStatusCode.OK);
        await agree().Expect(HttpStatusCode.OK);

        var before = await project.Snapshot();
        await Answer(project.As(project.SecondContributor), project, agrees: false).Expect(HttpStatusCode.Conflict);
        await agree().Expect(HttpStatusCode.Conflict);
        Assert.Equal(before, await project.Snapshot());
    }

    [Fact]
    public async Task ANewRankingAfterAgreementStartsOverAndTheJournalKeepsTheOldOne()
    {
        var app = database.Shared;
        var (project, item) = await Ranked(app);
        await Answer(project.As(project.Contributor), project, agrees: false, "Not yet").Expect(HttpStatusCode.OK);
        await project.As(project.Facilitator).PostAsync($"{project.Url}/agree", null).Expect(HttpStatusCode.OK);

        var reopened = await (await project.OpenRanking("RankedChoice").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Open", reopened.GetProperty("status").GetString());
        Assert.True(reopened.GetProperty("rankingOpen").GetBoolean());
        Assert.Equal("RankedChoice", reopened.GetProperty("method").GetString());
        Assert.Equal(0, reopened.GetProperty("voters").GetInt32());
        Assert.Empty(reopened.GetProperty("agreement").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("confirmedBy").ValueKind);
        Assert.Empty((await project.Mine(project.Contributor)).GetProperty("dots").EnumerateObject());

        // Items are free to change again, and the earlier agreement is still on record.
        await project.Send(project.Contributor, HttpMethod.Put, $"{project.Url}/items/{item}", new { title = "Night visits, again" }, "\"1\"")
            .Expect(HttpStatusCode.OK);
        var types = (await project.Journal()).Select(e => e.Type).ToList();
        Assert.Contains("AgendaAgreed", types);
        Assert.Equal(2, types.Count(t => t == "RankingOpened"));
    }

    [Fact]
    public async Task ARankedAgendaTheGroupObjectsToCanBeRankedAgain()
    {
        var app = database.Shared;
        var (project, item) = await Ranked(app);
        await Answer(project.As(project.Contributor), project, agrees: false, "Wrong order").Expect(HttpStatusCode.OK);
        await project.OpenRanking("DotVote", 2).Expect(HttpStatusCode.OK);
        await project.PlaceDots(project.Contributor, (item, 2)).Expect(HttpStatusCode.OK);
        Assert.Equal("Open", (await project.Read()).GetProperty("status").GetString());
        Assert.Contains("AgreementRecorded", (await project.Journal()).Select(e => e.Type));
    }
}

public sealed class SqliteAgendaAgreementApiTests(SqliteGateway database) : AgendaAgreementApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresAgendaAgreementApiTests(PostgresGateway database) : AgendaAgreementApiTests(database), IClassFixture<PostgresGateway>;
