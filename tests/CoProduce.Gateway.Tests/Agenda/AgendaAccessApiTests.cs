using System.Net;

namespace CoProduce.Gateway.Tests.Agenda;

public abstract class AgendaAccessApiTests(GatewayDatabase database)
{
    /// <summary>Every write of the agenda API, as one person would send it against an agenda whose ranking is open.</summary>
    private static IEnumerable<Func<Task<HttpResponseMessage>>> Writes(AgendaProject project, Guid person, Guid itemId)
    {
        var client = project.As(person);
        var item = $"{project.Url}/items/{itemId}";
        yield return () => client.PostJson($"{project.Url}/items", new { title = "Sneaky item" });
        yield return () => AgendaProject.Send(client, HttpMethod.Put, item, new { title = "Rewritten" }, "\"1\"");
        yield return () => AgendaProject.Send(client, HttpMethod.Delete, item, null, "\"1\"");
        yield return () => client.PostJson($"{project.Url}/ranking", new { method = "RankedChoice" });
        yield return () => client.PutJson($"{project.Url}/ranking/mine/dots", new { dots = new Dictionary<Guid, int> { [itemId] = 1 } });
        yield return () => client.PutJson($"{project.Url}/ranking/mine/order", new { order = new[] { itemId } });
        yield return () => client.PostAsync($"{project.Url}/ranking/close", null);
        yield return () => client.PostJson($"{project.Url}/agreement", new { agrees = true });
        yield return () => client.PostAsync($"{project.Url}/agree", null);
    }

    private static async Task<(AgendaProject Project, Guid ItemId)> OpenDotVote(GatewayApplication app)
    {
        var project = await AgendaProject.Create(app);
        var itemId = (await project.ProposeItems("Night visits"))[0];
        await project.OpenRanking("DotVote", 3).Expect(HttpStatusCode.OK);
        await project.PlaceDots(project.SecondContributor, (itemId, 2)).Expect(HttpStatusCode.OK);
        return (project, itemId);
    }

    [Fact]
    public async Task ObserversFollowTheAgendaButChangeNothing()
    {
        var app = database.Shared;
        var (project, itemId) = await OpenDotVote(app);
        var before = await project.Snapshot();
        var observer = project.As(project.Observer);

        await observer.GetAsync(project.Url).Expect(HttpStatusCode.OK);
        await observer.GetAsync($"{project.Url}/items/{itemId}").Expect(HttpStatusCode.OK);
        Assert.Empty((await project.Mine(project.Observer)).GetProperty("dots").EnumerateObject());
        foreach (var write in Writes(project, project.Observer, itemId))
        {
            var refused = await write().Expect(HttpStatusCode.Forbidden);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(before, await project.Snapshot());
    }

    [Fact]
    public async Task StaffWhoDoNotFacilitateFollowTheAgendaButChangeNothing()
    {
        var app = database.Shared;
        var (project, itemId) = await OpenDotVote(app);
        var before = await project.Snapshot();
        await project.As(project.FinanceStaff).GetAsync(project.Url).Expect(HttpStatusCode.OK);
        foreach (var write in Writes(project, project.FinanceStaff, itemId))
        {
            await write().Expect(HttpStatusCode.Forbidden);
        }

        Assert.Equal(before, await project.Snapshot());
    }

    [Fact]
    public async Task StrangersAndOtherOrganisationsStaffAreToldTheProjectDoesNotExist()
    {
        var app = database.Shared;
        var (project, itemId) = await OpenDotVote(app);
        var before = await project.Snapshot();
        var journalled = (await project.Journal()).Count;

        foreach (var outsider in new[] { project.Stranger, project.OtherOrganisationAdmin, project.Supporter })
        {
            var client = project.As(outsider);
            await client.GetAsync(project.Url).Expect(HttpStatusCode.NotFound);
            await client.GetAsync($"{project.Url}/items/{itemId}").Expect(HttpStatusCode.NotFound);
            await client.GetAsync($"{project.Url}/ranking/mine").Expect(HttpStatusCode.NotFound);
            foreach (var write in Writes(project, outsider, itemId))
            {
                var refused = await write().Expect(HttpStatusCode.NotFound);
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal(before, await project.Snapshot());
        Assert.Equal(journalled, (await project.Journal()).Count);
    }

    [Fact]
    public async Task AnAgendaOfAProjectThatDoesNotExistIsNotFound()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        var client = project.As(project.Facilitator);
        var nowhere = $"/api/projects/{Guid.NewGuid()}/agenda";
        await client.GetAsync(nowhere).Expect(HttpStatusCode.NotFound);
        await client.PostJson($"{nowhere}/items", new { title = "x" }).Expect(HttpStatusCode.NotFound);
        await client.PostJson($"{nowhere}/ranking", new { method = "DotVote", dotsPerPerson = 3 }).Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ContributorsTakePartButDoNotFacilitate()
    {
        var app = database.Shared;
        var (project, _) = await OpenDotVote(app);
        var contributor = project.As(project.Contributor);
        await contributor.PostAsync($"{project.Url}/ranking/close", null).Expect(HttpStatusCode.Forbidden);
        await contributor.PostJson($"{project.Url}/ranking", new { method = "DotVote", dotsPerPerson = 5 }).Expect(HttpStatusCode.Forbidden);
        await project.Close().Expect(HttpStatusCode.OK);
        await contributor.PostJson($"{project.Url}/agreement", new { agrees = true }).Expect(HttpStatusCode.OK);
        await contributor.PostAsync($"{project.Url}/agree", null).Expect(HttpStatusCode.Forbidden);
        await project.As(project.StaffFacilitator).PostAsync($"{project.Url}/agree", null).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WithoutATokenTheAnswerIs401()
    {
        var app = database.Shared;
        var project = await AgendaProject.Create(app);
        await app.CreateClient().GetAsync(project.Url).Expect(HttpStatusCode.Unauthorized);
        await app.CreateClient().PostJson($"{project.Url}/items", new { title = "x" }).Expect(HttpStatusCode.Unauthorized);
    }
}

public sealed class SqliteAgendaAccessApiTests(SqliteGateway database) : AgendaAccessApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresAgendaAccessApiTests(PostgresGateway database) : AgendaAccessApiTests(database), IClassFixture<PostgresGateway>;
