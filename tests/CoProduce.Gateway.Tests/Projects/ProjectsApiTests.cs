using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace CoProduce.Gateway.Tests.Projects;

public abstract class ProjectsApiTests(GatewayDatabase database)
{
    [Fact]
    public async Task OrganisationAdminsAndFacilitatorsStartProjectsAndFacilitateThem()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        foreach (var starter in new[] { world.Admin, world.OrgFacilitator })
        {
            var created = await world.As(starter)
                .PostJson("/api/projects", new { organisationId = world.OrganisationId, name = "Day services review", summary = "What day services should be." })
                .Expect(HttpStatusCode.Created);
            var body = await created.Json();
            var id = body.GetProperty("id").GetGuid();
            Assert.Equal($"/api/projects/{id}", created.Headers.Location?.OriginalString);
            Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
            Assert.Equal("PreProduction", body.GetProperty("stage").GetString());
            Assert.Equal("What day services should be.", body.GetProperty("summary").GetString());
            var participant = Assert.Single(body.GetProperty("participants").EnumerateArray());
            Assert.Equal(starter, participant.GetProperty("personId").GetGuid());
            Assert.Equal("Facilitator", participant.GetProperty("role").GetString());

            var read = await world.As(starter).GetAsync($"/api/projects/{id}").Expect(HttpStatusCode.OK);
            Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        }

        Assert.Equal(2, (await app.CreateClient(world.Admin).GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/organisations/{world.OrganisationId}"))
            .GetProperty("projects").GetArrayLength());
    }

    [Fact]
    public async Task FinanceStaffMayNotStartProjectsAndOutsidersAreToldTheOrganisationDoesNotExist()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var request = new { organisationId = world.OrganisationId, name = "Budget review" };
        var before = await world.OrganisationProjects();

        await world.As(world.Finance).PostJson("/api/projects", request).Expect(HttpStatusCode.Forbidden);
        await world.As(world.ForeignStaff).PostJson("/api/projects", request).Expect(HttpStatusCode.NotFound);
        await world.As(world.Stranger).PostJson("/api/projects", request).Expect(HttpStatusCode.NotFound);
        await world.As(world.Stranger).PostJson("/api/projects", new { organisationId = Guid.NewGuid(), name = "x" }).Expect(HttpStatusCode.NotFound);

        Assert.Equal(before, await world.OrganisationProjects());
        foreach (var person in new[] { world.Finance, world.ForeignStaff, world.Stranger })
        {
            var mine = await world.As(person).GetAsync("/api/projects").Expect(HttpStatusCode.OK);
            Assert.Equal(0, (await mine.Json()).GetProperty("total").GetInt32());
        }
    }

    [Fact]
    public async Task RetriedCreateWithTheSameIdempotencyKeyMakesOneProject()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var lead = world.As(world.Lead);
        var body = new { organisationId = world.OrganisationId, name = "Day services review" };
        var first = await lead.SendAsync(Keyed("start-1", body)).Expect(HttpStatusCode.Created);
        var second = await lead.SendAsync(Keyed("start-1", body)).Expect(HttpStatusCode.Created);
        Assert.Equal((await first.Json()).GetProperty("id").GetGuid(), (await second.Json()).GetProperty("id").GetGuid());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        await lead.SendAsync(Keyed("start-1", new { organisationId = world.OrganisationId, name = "Something else" })).Expect(HttpStatusCode.BadRequest);

        var mine = await (await lead.GetAsync("/api/projects").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(1, mine.GetProperty("total").GetInt32());

        static HttpRequestMessage Keyed(string key, object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/projects") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }
    }

    [Theory]
    [InlineData("{\"name\":\"x\"}")]
    [InlineData("{\"organisationId\":\"{org}\"}")]
    [InlineData("{\"organisationId\":\"{org}\",\"name\":\"\"}")]
    [InlineData("{\"organisationId\":\"{org}\",\"name\":\"   \"}")]
    [InlineData("{\"organisationId\":\"{org}\",\"name\":\"{long}\"}")]
    [InlineData("{\"organisationId\":\"not-a-guid\",\"name\":\"x\"}")]
    [InlineData("{\"organisationId\":\"{org}\",\"name\":\"x\",\"stage\":\"Closed\"}")]
    [InlineData("{\"organisationId\":\"{org}\",\"name\":\"x\",\"networkId\":\"00000000-0000-0000-0000-000000000000\"}")]
    [InlineData("{\"organisationId\":\"{org}\",\"name\":")]
    public async Task MalformedCreateIsABadRequestAndMakesNothing(string json)
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var before = await world.OrganisationProjects();
        var content = json.Replace("{org}", world.OrganisationId.ToString(), StringComparison.Ordinal)
            .Replace("{long}", new string('a', 201), StringComparison.Ordinal);
        var response = await world.As(world.Lead)
            .PostAsync("/api/projects", new StringContent(content, Encoding.UTF8, "application/json"))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await world.OrganisationProjects());
    }

    [Fact]
    public async Task ValidationFailuresNameTheField()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var response = await world.As(world.Lead)
            .PostJson("/api/projects", new { organisationId = world.OrganisationId, name = new string('a', 201) })
            .Expect(HttpStatusCode.BadRequest);
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task YourProjectsComeAPageAtATimeWithYourRole()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var first = await world.NewProject("First");
        var second = await world.NewProject("Second");
        await world.NewProject("Third");

        var lead = world.As(world.Lead);
        var page = await (await lead.GetAsync("/api/projects?offset=0&limit=2").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("limit").GetInt32());
        Assert.Equal(["First", "Second"], page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        var rest = await (await lead.GetAsync("/api/projects?offset=2&limit=2").Expect(HttpStatusCode.OK)).Json();
        var third = Assert.Single(rest.GetProperty("items").EnumerateArray());
        Assert.Equal("Third", third.GetProperty("name").GetString());
        Assert.Equal("Facilitator", third.GetProperty("role").GetString());
        Assert.Equal("PreProduction", third.GetProperty("stage").GetString());
        Assert.Equal(world.OrganisationId, third.GetProperty("organisationId").GetGuid());

        // A contributor who has never saved a profile still has the index the project keeps for them.
        var newcomer = Guid.NewGuid();
        await world.SetParticipant(second, newcomer, "Contributor");
        var theirs = await (await world.As(newcomer).GetAsync("/api/projects").Expect(HttpStatusCode.OK)).Json();
        var only = Assert.Single(theirs.GetProperty("items").EnumerateArray());
        Assert.Equal(second, only.GetProperty("id").GetGuid());
        Assert.Equal("Contributor", only.GetProperty("role").GetString());
        Assert.NotEqual(first, only.GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("offset=-1")]
    [InlineData("limit=lots")]
    public async Task BadPagingIsABadRequest(string query)
    {
        var app = database.Shared;
        var response = await app.CreateClient(Guid.NewGuid()).GetAsync($"/api/projects?{query}").Expect(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OutsidersAreToldAProjectDoesNotExistJustAsIfItDidNot()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var real = await (await world.As(world.ForeignStaff).GetAsync($"/api/projects/{project}").Expect(HttpStatusCode.NotFound)).Json();
        var missing = await (await world.As(world.ForeignStaff).GetAsync($"/api/projects/{Guid.NewGuid()}").Expect(HttpStatusCode.NotFound)).Json();
        Assert.Equal(missing.GetProperty("title").GetString(), real.GetProperty("title").GetString());
        Assert.Equal(missing.GetProperty("detail").GetString(), real.GetProperty("detail").GetString());
        await world.As(world.Admin).GetAsync($"/api/projects/{Guid.NewGuid()}").Expect(HttpStatusCode.NotFound);
        await app.CreateClient().GetAsync($"/api/projects/{project}").Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ForeignStaffGet404FromEveryProjectEndpointAndChangeNothing()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var line = await world.NewBudgetLine(project);
        var need = await world.NewAccessNeed(project);
        var before = await world.Read(project);
        var projectsBefore = await world.OrganisationProjects();
        var target = new CallTarget(world, project, line, need, before.ETag);

        foreach (var call in ProjectCalls.All.Where(c => c.Name != "GET /api/projects"))
        {
            foreach (var outsider in new[] { world.ForeignStaff, world.Stranger })
            {
                var response = await call.Send(world.As(outsider), outsider, target);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{call.Name}: {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal(before, await world.Read(project));
        Assert.Equal(projectsBefore, await world.OrganisationProjects());
        var theirs = await (await world.As(world.ForeignStaff).GetAsync("/api/projects").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(0, theirs.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task EveryProjectEndpointIsDescribedInTheOpenApiDocument()
    {
        var app = database.Shared;
        var paths = (await app.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json")).GetProperty("paths");
        string[] expected =
        [
            "post /api/projects", "get /api/projects", "get /api/projects/{projectId}", "put /api/projects/{projectId}/participants/{personId}",
            "post /api/projects/{projectId}/stage", "put /api/projects/{projectId}/pre-production", "post /api/projects/{projectId}/budget-lines",
            "post /api/projects/{projectId}/budget-lines/{lineId}/agreement", "post /api/projects/{projectId}/access-needs",
            "put /api/projects/{projectId}/access-needs/{needId}", "get /api/me/participation-requests",
            "post /api/me/participation-requests/{projectId}/accept", "post /api/me/participation-requests/{projectId}/decline",
            "get /api/me/projects/{projectId}/consent", "put /api/me/projects/{projectId}/consent",
        ];
        foreach (var endpoint in expected)
        {
            var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing");
            Assert.True(item.TryGetProperty(method, out var operation), $"{endpoint} is missing");
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{endpoint} has no summary");
        }
    }

    [Fact]
    public async Task FacilitatorsAskPeopleWhoJoinOnlyByAcceptingAndTheProjectKeepsAFacilitator()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var newcomer = Guid.NewGuid();
        await world.As(world.Contributor).PutJson($"/api/projects/{project}/participants/{newcomer}", new { role = "Contributor" })
            .Expect(HttpStatusCode.Forbidden);

        // Asking adds nobody: the project reads the same, and the request is the newcomer's to answer.
        var before = await world.Read(project);
        var asked = await (await world.As(world.ProjectFacilitator).PutJson($"/api/projects/{project}/participants/{newcomer}", new { role = "Observer" })
            .Expect(HttpStatusCode.Accepted)).Json();
        Assert.Equal(before, await world.Read(project));
        Assert.Equal(world.OrganisationId, asked.GetProperty("organisationId").GetGuid());
        Assert.False(string.IsNullOrWhiteSpace(asked.GetProperty("organisationName").GetString()));
        Assert.NotEmpty(asked.GetProperty("whatTheProjectSees").EnumerateArray());
        await world.As(world.Lead).PostJson($"/api/me/participation-requests/{project}/accept", new { }).Expect(HttpStatusCode.NotFound);
        var requests = await (await world.As(newcomer).GetAsync("/api/me/participation-requests").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal("Observer", Assert.Single(requests.EnumerateArray()).GetProperty("role").GetString());

        var added = await world.As(newcomer).PostJson($"/api/me/participation-requests/{project}/accept", new { })
            .Expect(HttpStatusCode.OK);
        Assert.NotEqual(before.ETag, added.Headers.ETag?.Tag);
        Assert.Equal(added.Headers.ETag?.Tag, (await world.Read(project)).ETag);
        var participant = (await added.Json()).GetProperty("participants").EnumerateArray().Single(p => p.GetProperty("personId").GetGuid() == newcomer);
        Assert.Equal("Observer", participant.GetProperty("role").GetString());
        Assert.Empty((await (await world.As(newcomer).GetAsync("/api/me/participation-requests").Expect(HttpStatusCode.OK)).Json()).EnumerateArray());
        await world.As(newcomer).PostJson($"/api/me/participation-requests/{project}/accept", new { }).Expect(HttpStatusCode.NotFound);

        // The same role again is not a change; a participant's role is changed directly.
        var again = await world.As(world.Lead).PutJson($"/api/projects/{project}/participants/{newcomer}", new { role = "Observer" })
            .Expect(HttpStatusCode.OK);
        Assert.Equal(added.Headers.ETag?.Tag, again.Headers.ETag?.Tag);

        await world.As(world.Lead).PutJson($"/api/projects/{project}/participants/{newcomer}", new { role = "Chair" }).Expect(HttpStatusCode.BadRequest);
        await world.As(world.Lead).PutJson($"/api/projects/{project}/participants/{Guid.Empty}", new { role = "Observer" }).Expect(HttpStatusCode.BadRequest);

        var alone = await world.As(world.Lead).PostJson("/api/projects", new { organisationId = world.OrganisationId, name = "Alone" })
            .Expect(HttpStatusCode.Created);
        var aloneId = (await alone.Json()).GetProperty("id").GetGuid();
        await world.As(world.Lead).PutJson($"/api/projects/{aloneId}/participants/{world.Lead}", new { role = "Contributor" })
            .Expect(HttpStatusCode.Conflict);
    }
}

public sealed class SqliteProjectsApiTests(SqliteGateway database) : ProjectsApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresProjectsApiTests(PostgresGateway database) : ProjectsApiTests(database), IClassFixture<PostgresGateway>;
