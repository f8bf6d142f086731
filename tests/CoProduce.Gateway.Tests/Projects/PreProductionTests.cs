using System.Net;
using System.Text;

namespace CoProduce.Gateway.Tests.Projects;

public abstract class PreProductionTests(GatewayDatabase database)
{
    [Fact]
    public async Task FacilitatorsWriteAimsScopeCommitmentGroundRulesAndRecruitment()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var etag = (await world.Read(project)).ETag;
        var body = new
        {
            aims = new[] { "Day services people want to go to", "  " },
            scope = new { negotiables = new[] { "Opening hours", "Activities" }, nonNegotiables = new[] { "The overall budget" } },
            commitment = "Cabinet will reply to each recommendation in writing by June.",
            groundRules = new[] { "One voice at a time", "Plain words" },
            recruitment = "Through the carers' centre; still hoping to reach younger disabled people.",
        };
        var saved = await Save(world.As(world.Lead), project, etag, body).Expect(HttpStatusCode.OK);
        Assert.NotEqual(etag, saved.Headers.ETag?.Tag);

        var pre = (await saved.Json()).GetProperty("preProduction");
        Assert.Equal(["Day services people want to go to"], pre.GetProperty("aims").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["Opening hours", "Activities"], pre.GetProperty("scope").GetProperty("negotiables").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["The overall budget"], pre.GetProperty("scope").GetProperty("nonNegotiables").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(body.commitment, pre.GetProperty("commitment").GetString());
        Assert.Equal(["One voice at a time", "Plain words"], pre.GetProperty("groundRules").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(body.recruitment, pre.GetProperty("recruitment").GetString());

        // Everyone in the project can read what can and cannot change.
        var asObserver = await (await world.As(world.Observer).GetAsync($"/api/projects/{project}").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(body.commitment, asObserver.GetProperty("preProduction").GetProperty("commitment").GetString());
    }

    [Fact]
    public async Task OfTwoFacilitatorsEditingTheSameVersionOneSucceedsAndTheOtherMustReadAgain()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var lead = world.As(world.Lead);
        var other = world.As(world.ProjectFacilitator);
        var bothRead = (await world.Read(project)).ETag;

        var first = await Save(lead, project, bothRead, ProjectCalls.PreProductionBody("The lead's aim")).Expect(HttpStatusCode.OK);
        var afterFirst = await world.Read(project);
        var refused = await Save(other, project, bothRead, ProjectCalls.PreProductionBody("The other facilitator's aim"))
            .Expect(HttpStatusCode.PreconditionFailed);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(afterFirst, await world.Read(project));
        Assert.Contains("The lead's aim", afterFirst.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("The other facilitator's aim", afterFirst.Json, StringComparison.Ordinal);

        var reread = await other.GetAsync($"/api/projects/{project}").Expect(HttpStatusCode.OK);
        Assert.Equal(first.Headers.ETag?.Tag, reread.Headers.ETag?.Tag);
        var second = await Save(other, project, reread.Headers.ETag!.Tag, ProjectCalls.PreProductionBody("The other facilitator's aim"))
            .Expect(HttpStatusCode.OK);
        var aims = (await second.Json()).GetProperty("preProduction").GetProperty("aims");
        Assert.Equal("The other facilitator's aim", Assert.Single(aims.EnumerateArray()).GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("\"three\"")]
    [InlineData("*")]
    public async Task AnEditWithoutAUsableIfMatchIsABadRequest(string? ifMatch)
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var before = await world.Read(project);
        var response = await Save(world.As(world.Lead), project, ifMatch, ProjectCalls.PreProductionBody("x")).Expect(HttpStatusCode.BadRequest);
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty("If-Match", out _));
        Assert.Equal(before, await world.Read(project));
    }

    [Fact]
    public async Task ContributorsObserversAndFinanceStaffReadButDoNotEdit()
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var before = await world.Read(project);
        foreach (var person in new[] { world.Contributor, world.Observer, world.Finance })
        {
            await Save(world.As(person), project, before.ETag, ProjectCalls.PreProductionBody("x")).Expect(HttpStatusCode.Forbidden);
        }

        Assert.Equal(before, await world.Read(project));
    }

    [Theory]
    [InlineData("aims")]
    [InlineData("groundRules")]
    [InlineData("commitment")]
    [InlineData("recruitment")]
    [InlineData("scope.negotiables")]
    public async Task TooMuchTextIsAFieldError(string field)
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var before = await world.Read(project);
        var many = Enumerable.Range(1, 51).Select(i => $"Item {i}").ToArray();
        var paragraph = new string('a', 4001);
        var body = new
        {
            aims = field == "aims" ? many : ["An aim"],
            scope = new { negotiables = field == "scope.negotiables" ? [paragraph] : Array.Empty<string>(), nonNegotiables = Array.Empty<string>() },
            commitment = field == "commitment" ? paragraph : null,
            groundRules = field == "groundRules" ? many : [],
            recruitment = field == "recruitment" ? paragraph : null,
        };
        var response = await Save(world.As(world.Lead), project, before.ETag, body).Expect(HttpStatusCode.BadRequest);
        Assert.True((await response.Json()).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(before, await world.Read(project));
    }

    [Theory]
    [InlineData("{\"aims\":[],\"commitment\":null,\"groundRules\":[],\"recruitment\":null}")]
    [InlineData("{\"aims\":[],\"scope\":{\"negotiables\":[]},\"commitment\":null,\"groundRules\":[],\"recruitment\":null}")]
    [InlineData("{\"aims\":\"one\",\"scope\":{\"negotiables\":[],\"nonNegotiables\":[]},\"commitment\":null,\"groundRules\":[],\"recruitment\":null}")]
    [InlineData("{\"aims\":[],\"scope\":{\"negotiables\":[],\"nonNegotiables\":[]},\"commitment\":null,\"groundRules\":[],\"recruitment\":null,\"budget\":[]}")]
    public async Task AMalformedBodyIsABadRequest(string json)
    {
        var app = database.Shared;
        var world = await ProjectWorld.CreateAsync(app);
        var project = await world.NewProject();
        var before = await world.Read(project);
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/projects/{project}/pre-production")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", before.ETag);
        var response = await world.As(world.Lead).SendAsync(request).Expect(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await world.Read(project));
    }

    private static Task<HttpResponseMessage> Save(HttpClient client, Guid project, string? etag, object body) =>
        client.SendAsync(ProjectCalls.WithIfMatch(HttpMethod.Put, $"/api/projects/{project}/pre-production", etag, body));
}

public sealed class SqlitePreProductionTests(SqliteGateway database) : PreProductionTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresPreProductionTests(PostgresGateway database) : PreProductionTests(database), IClassFixture<PostgresGateway>;
