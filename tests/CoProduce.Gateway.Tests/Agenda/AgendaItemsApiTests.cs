using System.Net;
using System.Text;

namespace CoProduce.Gateway.Tests.Agenda;

public abstract class AgendaItemsApiTests(GatewayDatabase database)
{
    [Fact]
    public async Task AProposalKeepsWhoProposedItInWhatRoleAndWithWhatLivedExperience()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var created = await project.As(project.Contributor)
            .PostJson($"{project.Url}/items", new { title = "  Night visits  ", description = "Carers arrive late.", easyReadSummary = "Carers come late at night." })
            .Expect(HttpStatusCode.Created);
        var item = await created.Json();
        var id = item.GetProperty("id").GetGuid();
        Assert.Equal($"{project.Url}/items/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.Equal("Night visits", item.GetProperty("title").GetString());
        Assert.Equal("Carers come late at night.", item.GetProperty("easyReadSummary").GetString());
        Assert.Equal(project.Contributor, item.GetProperty("proposedBy").GetGuid());
        Assert.Equal("Contributor", item.GetProperty("proposerRole").GetString());
        // Lived experience is for the project's facilitators, of people who agreed to show it (everyone here did).
        Assert.Equal(System.Text.Json.JsonValueKind.Null, item.GetProperty("proposerLivedExperience").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, item.GetProperty("supportedBy").ValueKind);

        var second = await project.Propose(project.SecondContributor, "Paying for travel");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("proposerLivedExperience").ValueKind);
        var facilitated = (await project.Read(project.Facilitator)).GetProperty("items");
        Assert.True(facilitated[0].GetProperty("proposerLivedExperience").GetBoolean());
        Assert.False(facilitated[1].GetProperty("proposerLivedExperience").GetBoolean());
        Assert.Equal("Facilitator", (await project.Propose(project.Facilitator, "Ground rules")).GetProperty("proposerRole").GetString());
        Assert.Equal("Facilitator", (await project.Propose(project.StaffFacilitator, "Budget")).GetProperty("proposerRole").GetString());

        var agenda = await project.Read(project.Observer);
        Assert.Equal(["Night visits", "Paying for travel", "Ground rules", "Budget"],
            agenda.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
        Assert.All(agenda.GetProperty("items").EnumerateArray(), i => Assert.Equal(System.Text.Json.JsonValueKind.Null, i.GetProperty("proposerLivedExperience").ValueKind));
        var read = await project.As(project.Observer).GetAsync($"{project.Url}/items/{id}").Expect(HttpStatusCode.OK);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task ASupporterActingWithAContributorIsRecordedAsSupportingThem()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var created = await project.AsSupporterOf(project.Contributor)
            .PostJson($"{project.Url}/items", new { title = "Respite for carers" })
            .Expect(HttpStatusCode.Created);
        var item = await created.Json();
        Assert.Equal(project.Contributor, item.GetProperty("proposedBy").GetGuid());
        Assert.Equal(project.Supporter, item.GetProperty("supportedBy").GetGuid());
        Assert.Equal("Contributor", item.GetProperty("proposerRole").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, item.GetProperty("proposerLivedExperience").ValueKind);

        var proposed = Assert.Single(await project.Journal());
        Assert.Equal("ItemProposed", proposed.Type);
        Assert.Contains(project.Supporter.ToString(), proposed.Json, StringComparison.Ordinal);

        // On their own the supporter has no part in the project.
        await project.As(project.Supporter).PostJson($"{project.Url}/items", new { title = "x" }).Expect(HttpStatusCode.NotFound);
        var stranger = app.CreateClient(project.Stranger);
        stranger.DefaultRequestHeaders.Add("CoProduce-Acting-With", project.Contributor.ToString());
        await stranger.PostJson($"{project.Url}/items", new { title = "x" }).Expect(HttpStatusCode.Forbidden);
        Assert.Single((await project.Read()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task TwoPeopleEditingOneItemAtOnceNeverLoseAnEdit()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var id = (await project.Propose(project.Contributor, "Night visits")).GetProperty("id").GetGuid();
        var url = $"{project.Url}/items/{id}";

        var edits = await Task.WhenAll(
            project.Send(project.Contributor, HttpMethod.Put, url, new { title = "Night visits are late" }, "\"1\""),
            project.Send(project.Facilitator, HttpMethod.Put, url, new { title = "Late night visits" }, "\"1\""));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], edits.Select(e => e.StatusCode).Order());
        var winner = edits.Single(e => e.StatusCode == HttpStatusCode.OK);
        var winningTitle = (await winner.Json()).GetProperty("title").GetString();
        Assert.Equal("\"2\"", winner.Headers.ETag?.Tag);

        // The one refused reloads, sees the other's words, and edits on top of them.
        var reloaded = await project.As(project.Facilitator).GetAsync(url).Expect(HttpStatusCode.OK);
        Assert.Equal(winningTitle, (await reloaded.Json()).GetProperty("title").GetString());
        var next = await project.Send(project.Facilitator, HttpMethod.Put, url, new { title = winningTitle + " (agreed wording)" }, reloaded.Headers.ETag?.Tag)
            .Expect(HttpStatusCode.OK);
        Assert.Equal("\"3\"", next.Headers.ETag?.Tag);
        Assert.Equal(2, (await project.Journal()).Count(e => e.Type == "ItemEdited"));
    }

    [Fact]
    public async Task EditsAndWithdrawalsNeedAValidIfMatch()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var id = (await project.Propose(project.Contributor, "Night visits")).GetProperty("id").GetGuid();
        var url = $"{project.Url}/items/{id}";
        var before = await project.Snapshot();

        await project.Send(project.Contributor, HttpMethod.Put, url, new { title = "x" }, null).Expect(HttpStatusCode.BadRequest);
        await project.Send(project.Contributor, HttpMethod.Put, url, new { title = "x" }, "1").Expect(HttpStatusCode.BadRequest);
        await project.Send(project.Contributor, HttpMethod.Delete, url, null, null).Expect(HttpStatusCode.BadRequest);
        await project.Send(project.Contributor, HttpMethod.Delete, url, null, "\"7\"").Expect(HttpStatusCode.PreconditionFailed);
        Assert.Equal(before, await project.Snapshot());
    }

    [Fact]
    public async Task OnlyTheProposerOrAFacilitatorChangesAnItemAndWithdrawnItemsStayOnRecord()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var id = (await project.Propose(project.Contributor, "Night visits")).GetProperty("id").GetGuid();
        var url = $"{project.Url}/items/{id}";

        await project.Send(project.SecondContributor, HttpMethod.Put, url, new { title = "Mine now" }, "\"1\"").Expect(HttpStatusCode.Forbidden);
        await project.Send(project.SecondContributor, HttpMethod.Delete, url, null, "\"1\"").Expect(HttpStatusCode.Forbidden);
        await project.Send(project.StaffFacilitator, HttpMethod.Put, url, new { title = "Night visits", description = "Tidied" }, "\"1\"")
            .Expect(HttpStatusCode.OK);
        await project.Send(project.Contributor, HttpMethod.Put, url, new { title = "Night visits", description = "Tidied" }, "\"2\"")
            .Expect(HttpStatusCode.OK);

        var withdrawn = await project.Send(project.Contributor, HttpMethod.Delete, url, null, "\"3\"").Expect(HttpStatusCode.OK);
        Assert.True((await withdrawn.Json()).GetProperty("withdrawn").GetBoolean());
        Assert.Equal("\"4\"", withdrawn.Headers.ETag?.Tag);
        await project.Send(project.Contributor, HttpMethod.Put, url, new { title = "Back again" }, "\"4\"").Expect(HttpStatusCode.Conflict);
        await project.Send(project.Facilitator, HttpMethod.Delete, url, null, "\"4\"").Expect(HttpStatusCode.Conflict);

        var item = Assert.Single((await project.Read()).GetProperty("items").EnumerateArray());
        Assert.True(item.GetProperty("withdrawn").GetBoolean());
        Assert.Equal("Night visits", item.GetProperty("title").GetString());
        Assert.Equal(["ItemProposed", "ItemEdited", "ItemEdited", "ItemWithdrawn"], (await project.Journal()).Select(e => e.Type));
    }

    [Theory]
    [InlineData("{\"title\":\"\"}")]
    [InlineData("{\"title\":\"   \"}")]
    [InlineData("{\"description\":\"no title\"}")]
    [InlineData("{\"title\":null}")]
    [InlineData("{\"title\":\"x\",\"priority\":1}")]
    [InlineData("{\"title\":7}")]
    [InlineData("{\"title\":")]
    [InlineData("[]")]
    public async Task AMalformedItemIsABadRequestAndChangesNothing(string json)
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var id = (await project.Propose(project.Contributor, "Night visits")).GetProperty("id").GetGuid();
        var before = await project.Snapshot();
        var client = project.As(project.Contributor);

        var post = await client.PostAsync($"{project.Url}/items", new StringContent(json, Encoding.UTF8, "application/json")).Expect(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);
        var put = new HttpRequestMessage(HttpMethod.Put, $"{project.Url}/items/{id}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        put.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await client.SendAsync(put).Expect(HttpStatusCode.BadRequest);
        Assert.Equal(before, await project.Snapshot());
    }

    [Theory]
    [InlineData(201, 0, 0)]
    [InlineData(200, 4001, 0)]
    [InlineData(200, 0, 4001)]
    public async Task TextBeyondItsLengthIsRefused(int titleLength, int descriptionLength, int easyReadLength)
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var body = new { title = new string('t', titleLength), description = new string('d', descriptionLength), easyReadSummary = new string('e', easyReadLength) };
        var refused = await project.As(project.Contributor).PostJson($"{project.Url}/items", body).Expect(HttpStatusCode.BadRequest);
        Assert.True((await refused.Json()).TryGetProperty("errors", out _));
        Assert.Empty((await project.Read()).GetProperty("items").EnumerateArray());

        var justRight = new { title = new string('t', 200), description = new string('d', 4000), easyReadSummary = new string('e', 4000) };
        await project.As(project.Contributor).PostJson($"{project.Url}/items", justRight).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ARetriedProposalWithTheSameIdempotencyKeyMakesOneItem()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var client = project.As(project.Contributor);
        var first = await Send("key-1", "Night visits").Expect(HttpStatusCode.Created);
        var again = await Send("key-1", "Night visits").Expect(HttpStatusCode.Created);
        Assert.Equal((await first.Json()).GetProperty("id").GetGuid(), (await again.Json()).GetProperty("id").GetGuid());
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        await Send("key-1", "Something else").Expect(HttpStatusCode.BadRequest);
        Assert.Single((await project.Read()).GetProperty("items").EnumerateArray());

        Task<HttpResponseMessage> Send(string key, string title)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"{project.Url}/items") { Content = System.Net.Http.Json.JsonContent.Create(new { title }) };
            request.Headers.Add("Idempotency-Key", key);
            return client.SendAsync(request);
        }
    }

    [Fact]
    public async Task AnAgendaHoldsAtMostAHundredItemsNotWithdrawn()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var ids = await project.ProposeItems([.. Enumerable.Range(1, 100).Select(i => $"Item {i}")]);
        await project.As(project.Contributor).PostJson($"{project.Url}/items", new { title = "One too many" }).Expect(HttpStatusCode.Conflict);
        await project.Send(project.Contributor, HttpMethod.Delete, $"{project.Url}/items/{ids[0]}", null, "\"1\"").Expect(HttpStatusCode.OK);
        await project.As(project.Contributor).PostJson($"{project.Url}/items", new { title = "Now there is room" }).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AnUnknownItemIsNotFound()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var url = $"{project.Url}/items/{Guid.NewGuid()}";
        await project.As(project.Contributor).GetAsync(url).Expect(HttpStatusCode.NotFound);
        await project.Send(project.Facilitator, HttpMethod.Put, url, new { title = "x" }, "\"1\"").Expect(HttpStatusCode.NotFound);
        await project.Send(project.Facilitator, HttpMethod.Delete, url, null, "\"1\"").Expect(HttpStatusCode.NotFound);
    }
}

public sealed class SqliteAgendaItemsApiTests(SqliteGateway database) : AgendaItemsApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresAgendaItemsApiTests(PostgresGateway database) : AgendaItemsApiTests(database), IClassFixture<PostgresGateway>;
