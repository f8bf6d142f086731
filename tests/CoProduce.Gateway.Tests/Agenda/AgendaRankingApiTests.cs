using System.Net;
using System.Text.Json;

namespace CoProduce.Gateway.Tests.Agenda;

public abstract class AgendaRankingApiTests(GatewayDatabase database)
{
    private static IEnumerable<(Guid Item, decimal Score, int Position)> Ranking(JsonElement agenda) =>
        agenda.GetProperty("ranking").EnumerateArray()
            .Select(r => (r.GetProperty("itemId").GetGuid(), r.GetProperty("score").GetDecimal(), r.GetProperty("position").GetInt32()));

    [Fact]
    public async Task ADotVoteOrdersByTotalDotsWithTiesToTheEarlierProposal()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var (a, b, c, d) = await Four(project);
        var opened = await (await project.OpenRanking("DotVote", 3).Expect(HttpStatusCode.OK)).Json();
        Assert.True(opened.GetProperty("rankingOpen").GetBoolean());
        Assert.Equal(3, opened.GetProperty("dotsPerPerson").GetInt32());

        await project.PlaceDots(project.Contributor, (a, 1), (c, 2)).Expect(HttpStatusCode.OK);
        await project.PlaceDots(project.SecondContributor, (b, 2), (c, 1)).Expect(HttpStatusCode.OK);
        await project.PlaceDots(project.ThirdContributor, (a, 2), (d, 1)).Expect(HttpStatusCode.OK);

        // A and C both have 3: A was proposed first, so it leads. The order shows while ranking is open.
        var provisional = await project.Read(project.Observer);
        Assert.Equal([(a, 3m, 1), (c, 3m, 2), (b, 2m, 3), (d, 1m, 4)], Ranking(provisional));
        Assert.Equal(3, provisional.GetProperty("voters").GetInt32());

        var closed = await (await project.Close().Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Ranked", closed.GetProperty("status").GetString());
        Assert.False(closed.GetProperty("rankingOpen").GetBoolean());
        Assert.Equal([(a, 3m, 1), (c, 3m, 2), (b, 2m, 3), (d, 1m, 4)], Ranking(closed));
        Assert.Equal("Item A", closed.GetProperty("ranking")[0].GetProperty("title").GetString());
        Assert.Equal(["RankingOpened", "DotsPlaced", "DotsPlaced", "DotsPlaced", "RankingClosed"],
            (await project.Journal()).Select(e => e.Type).SkipWhile(t => t == "ItemProposed"));
    }

    [Fact]
    public async Task RankedChoiceOrdersByRepeatedInstantRunoff()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var ids = await project.ProposeItems("Item A", "Item B", "Item C");
        var (a, b, c) = (ids[0], ids[1], ids[2]);
        await project.OpenRanking("RankedChoice").Expect(HttpStatusCode.OK);

        // First preferences: A 2, B 1, C 2 of 5. B goes first and its ballot carries C to 3, a majority.
        // Then, without C, B collects the C ballots (3 of 5) ahead of A; A comes last.
        await project.SubmitOrder(project.Contributor, a).Expect(HttpStatusCode.OK);
        await project.SubmitOrder(project.SecondContributor, a).Expect(HttpStatusCode.OK);
        await project.SubmitOrder(project.ThirdContributor, b, c).Expect(HttpStatusCode.OK);
        await project.SubmitOrder(project.Facilitator, c, b).Expect(HttpStatusCode.OK);
        await project.SubmitOrder(project.StaffFacilitator, c, b).Expect(HttpStatusCode.OK);

        var closed = await (await project.Close().Expect(HttpStatusCode.OK)).Json();
        Assert.Equal([(c, 3m, 1), (b, 3m, 2), (a, 2m, 3)], Ranking(closed));
        Assert.Equal(5, closed.GetProperty("voters").GetInt32());
        Assert.Equal("RankedChoice", closed.GetProperty("method").GetString());
    }

    [Fact]
    public async Task OverspendingDotsIsABadRequestAndChangesNothing()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var (a, b, _, _) = await Four(project);
        await project.OpenRanking("DotVote", 3).Expect(HttpStatusCode.OK);
        await project.PlaceDots(project.Contributor, (a, 1)).Expect(HttpStatusCode.OK);
        var before = await project.Snapshot();

        var refused = await project.PlaceDots(project.Contributor, (a, 2), (b, 2)).Expect(HttpStatusCode.BadRequest);
        Assert.True((await refused.Json()).GetProperty("errors").TryGetProperty("dots", out _));
        await project.PlaceDots(project.Contributor, (a, 4)).Expect(HttpStatusCode.BadRequest);
        await project.PlaceDots(project.Contributor, (a, -1), (b, 2)).Expect(HttpStatusCode.BadRequest);
        await project.PlaceDots(project.Contributor, (a, int.MaxValue), (b, int.MaxValue)).Expect(HttpStatusCode.BadRequest);

        Assert.Equal(before, await project.Snapshot());
        Assert.Equal(1, (await project.Mine(project.Contributor)).GetProperty("dots").GetProperty(a.ToString()).GetInt32());
    }

    [Fact]
    public async Task DotsOnAWithdrawnOrUnknownItemAreABadRequestAndChangeNothing()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var (a, b, _, _) = await Four(project);
        await project.Send(project.Contributor, HttpMethod.Delete, $"{project.Url}/items/{b}", null, "\"1\"").Expect(HttpStatusCode.OK);
        await project.OpenRanking("DotVote", 3).Expect(HttpStatusCode.OK);
        var before = await project.Snapshot();

        await project.PlaceDots(project.Contributor, (a, 1), (b, 1)).Expect(HttpStatusCode.BadRequest);
        await project.PlaceDots(project.Contributor, (a, 1), (Guid.NewGuid(), 1)).Expect(HttpStatusCode.BadRequest);
        await project.As(project.Contributor).PutAsync($"{project.Url}/ranking/mine/dots",
            new StringContent("{\"dots\":{\"not-an-id\":1}}", System.Text.Encoding.UTF8, "application/json")).Expect(HttpStatusCode.BadRequest);
        await project.As(project.Contributor).PutAsync($"{project.Url}/ranking/mine/dots",
            new StringContent("{\"dots\":null}", System.Text.Encoding.UTF8, "application/json")).Expect(HttpStatusCode.BadRequest);

        Assert.Equal(before, await project.Snapshot());
        Assert.Empty((await project.Mine(project.Contributor)).GetProperty("dots").EnumerateObject());
    }

    [Fact]
    public async Task AnItemWithdrawnDuringRankingNoLongerCounts()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var (a, b, _, _) = await Four(project);
        await project.OpenRanking("DotVote", 3).Expect(HttpStatusCode.OK);
        await project.PlaceDots(project.Contributor, (a, 1), (b, 2)).Expect(HttpStatusCode.OK);
        await project.Send(project.Contributor, HttpMethod.Delete, $"{project.Url}/items/{b}", null, "\"1\"").Expect(HttpStatusCode.OK);

        var mine = await project.Mine(project.Contributor);
        Assert.Equal([a.ToString()], mine.GetProperty("dots").EnumerateObject().Select(p => p.Name));
        var agenda = await project.Read();
        Assert.DoesNotContain(b, Ranking(agenda).Select(r => r.Item));
        Assert.Equal(3, Ranking(agenda).Count());
    }

    [Fact]
    public async Task PlacingDotsOrAnOrderReplacesWhatYouHadAndMineShowsIt()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var (a, b, c, _) = await Four(project);
        await project.OpenRanking("DotVote", 5).Expect(HttpStatusCode.OK);
        await project.PlaceDots(project.Contributor, (a, 3)).Expect(HttpStatusCode.OK);
        var placed = await (await project.PlaceDots(project.Contributor, (b, 1), (c, 0)).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal([b.ToString()], placed.GetProperty("dots").EnumerateObject().Select(p => p.Name));
        var mine = await project.Mine(project.Contributor);
        Assert.Equal(1, mine.GetProperty("dots").GetProperty(b.ToString()).GetInt32());
        Assert.Single(mine.GetProperty("dots").EnumerateObject());

        await project.PlaceDots(project.Contributor).Expect(HttpStatusCode.OK);
        Assert.Equal(0, (await project.Read()).GetProperty("voters").GetInt32());

        // A supporter places dots with the contributor: they are the contributor's, and the journal says who helped.
        await project.AsSupporterOf(project.Contributor)
            .PutJson($"{project.Url}/ranking/mine/dots", new { dots = new Dictionary<Guid, int> { [c] = 2 } }).Expect(HttpStatusCode.OK);
        Assert.Equal(2, (await project.Mine(project.Contributor)).GetProperty("dots").GetProperty(c.ToString()).GetInt32());
        Assert.Contains(project.Supporter.ToString(), (await project.Journal())[^1].Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameDotsOrOrderSentAgainAreJournalledOnce()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var (a, b, _, _) = await Four(project);
        await project.OpenRanking("DotVote", 5).Expect(HttpStatusCode.OK);
        await project.PlaceDots(project.Contributor, (a, 2), (b, 1)).Expect(HttpStatusCode.OK);
        var again = await (await project.PlaceDots(project.Contributor, (b, 1), (a, 2)).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(2, again.GetProperty("dots").GetProperty(a.ToString()).GetInt32());
        Assert.Single(await project.Journal(), e => e.Type == "DotsPlaced");
        await project.PlaceDots(project.Contributor, (a, 3)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, (await project.Journal()).Count(e => e.Type == "DotsPlaced"));
    }

    [Fact]
    public async Task AnOrderMustNameDistinctItemsStillOnTheAgenda()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var (a, b, c, d) = await Four(project);
        await project.Send(project.Contributor, HttpMethod.Delete, $"{project.Url}/items/{d}", null, "\"1\"").Expect(HttpStatusCode.OK);
        await project.OpenRanking("RankedChoice").Expect(HttpStatusCode.OK);
        await project.SubmitOrder(project.Contributor, b, a).Expect(HttpStatusCode.OK);
        var before = await project.Snapshot();

        await project.SubmitOrder(project.Contributor, a, b, a).Expect(HttpStatusCode.BadRequest);
        await project.SubmitOrder(project.Contributor, a, Guid.NewGuid()).Expect(HttpStatusCode.BadRequest);
        await project.SubmitOrder(project.Contributor, c, d).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(before, await project.Snapshot());
        Assert.Equal([b, a], (await project.Mine(project.Contributor)).GetProperty("order").EnumerateArray().Select(i => i.GetGuid()));
    }

    [Fact]
    public async Task RankingAfterCloseIsAConflictAndChangesNothing()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var (a, b, _, _) = await Four(project);
        await project.OpenRanking("DotVote", 3).Expect(HttpStatusCode.OK);
        await project.PlaceDots(project.Contributor, (a, 3)).Expect(HttpStatusCode.OK);
        await project.Close().Expect(HttpStatusCode.OK);
        var before = await project.Snapshot();

        await project.PlaceDots(project.Contributor, (b, 3)).Expect(HttpStatusCode.Conflict);
        await project.PlaceDots(project.SecondContributor, (b, 1)).Expect(HttpStatusCode.Conflict);
        await project.SubmitOrder(project.Contributor, b).Expect(HttpStatusCode.Conflict);
        await project.Close().Expect(HttpStatusCode.Conflict);
        Assert.Equal(before, await project.Snapshot());
        Assert.Equal(3, (await project.Mine(project.Contributor)).GetProperty("dots").GetProperty(a.ToString()).GetInt32());
    }

    [Fact]
    public async Task RankedItemsAreFixedButNewProposalsWaitForTheNextRanking()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var (a, _, _, _) = await Four(project);
        await project.OpenRanking("DotVote", 3).Expect(HttpStatusCode.OK);
        await project.PlaceDots(project.Contributor, (a, 3)).Expect(HttpStatusCode.OK);
        await project.Close().Expect(HttpStatusCode.OK);

        await project.Send(project.Contributor, HttpMethod.Put, $"{project.Url}/items/{a}", new { title = "Changed" }, "\"1\"").Expect(HttpStatusCode.Conflict);
        await project.Send(project.Facilitator, HttpMethod.Delete, $"{project.Url}/items/{a}", null, "\"1\"").Expect(HttpStatusCode.Conflict);
        var late = (await project.Propose(project.SecondContributor, "Late idea")).GetProperty("id").GetGuid();
        await project.Send(project.SecondContributor, HttpMethod.Put, $"{project.Url}/items/{late}", new { title = "Late idea, reworded" }, "\"1\"")
            .Expect(HttpStatusCode.OK);
        var agenda = await project.Read();
        Assert.Equal(4, Ranking(agenda).Count());
        Assert.Equal(5, agenda.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task RankingMustBeOpenAndMatchTheMethod()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var (a, b, _, _) = await Four(project);
        await project.PlaceDots(project.Contributor, (a, 1)).Expect(HttpStatusCode.Conflict);
        await project.Close().Expect(HttpStatusCode.Conflict);

        await project.OpenRanking("DotVote", 3).Expect(HttpStatusCode.OK);
        await project.OpenRanking("RankedChoice").Expect(HttpStatusCode.Conflict);
        await project.SubmitOrder(project.Contributor, a, b).Expect(HttpStatusCode.Conflict);
        await project.Close().Expect(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("{\"method\":\"DotVote\"}")]
    [InlineData("{\"method\":\"DotVote\",\"dotsPerPerson\":0}")]
    [InlineData("{\"method\":\"DotVote\",\"dotsPerPerson\":51}")]
    [InlineData("{\"method\":\"Borda\",\"dotsPerPerson\":3}")]
    [InlineData("{\"method\":0,\"dotsPerPerson\":3}")]
    [InlineData("{\"dotsPerPerson\":3}")]
    [InlineData("{\"method\":\"DotVote\",\"dotsPerPerson\":3,\"anonymous\":true}")]
    public async Task BadRankingSettingsAreABadRequestAndChangeNothing(string json)
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        await project.ProposeItems("Item A");
        var before = await project.Snapshot();
        await project.As(project.Facilitator)
            .PostAsync($"{project.Url}/ranking", new StringContent(json, System.Text.Encoding.UTF8, "application/json"))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal(before, await project.Snapshot());
    }

    [Fact]
    public async Task ARankingNobodyTookPartInCannotBeClosed()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        await project.OpenRanking("DotVote", 3).Expect(HttpStatusCode.OK);
        await project.Close().Expect(HttpStatusCode.Conflict);
        await Four(project);
        await project.Close().Expect(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ManyPeoplePlacingDotsAtOnceAreAllCounted()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var (a, b, _, _) = await Four(project);
        var people = await project.AddContributors(30);
        await project.OpenRanking("DotVote", 2).Expect(HttpStatusCode.OK);

        var placed = await Task.WhenAll(people.Select((p, i) => project.PlaceDots(p, i % 3 == 0 ? [(a, 2)] : [(a, 1), (b, 1)])));
        Assert.All(placed, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var agenda = await project.Read();
        Assert.Equal(30, agenda.GetProperty("voters").GetInt32());
        Assert.Equal([(a, 40m, 1), (b, 20m, 2)], Ranking(agenda).Take(2));
        Assert.Equal(30, (await project.Journal()).Count(e => e.Type == "DotsPlaced"));
    }

    private static async Task<(Guid A, Guid B, Guid C, Guid D)> Four(AgendaProject project)
    {
        var ids = await project.ProposeItems("Item A", "Item B", "Item C", "Item D");
        return (ids[0], ids[1], ids[2], ids[3]);
    }
}

public sealed class SqliteAgendaRankingApiTests(SqliteGateway database) : AgendaRankingApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresAgendaRankingApiTests(PostgresGateway database) : AgendaRankingApiTests(database), IClassFixture<PostgresGateway>;
