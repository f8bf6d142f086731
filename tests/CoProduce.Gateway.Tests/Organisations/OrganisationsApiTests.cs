using System.Net;

namespace CoProduce.Gateway.Tests.Organisations;

public abstract class OrganisationsApiTests(GatewayDatabase database)
{
    private static object NewOrganisation(string name = "Northshire County Council") =>
        new { name, kind = "LocalAuthority", displayName = "Priya" };

    [Fact]
    public async Task CreatorBecomesAdminAndSeesTheOrganisation()
    {
        var app = database.Shared;
        var admin = Guid.NewGuid();
        var client = app.CreateClient(admin);
        var created = await client.PostJson("/api/organisations", NewOrganisation()).Expect(HttpStatusCode.Created);
        var id = (await created.Json()).GetProperty("id").GetGuid();
        Assert.Equal($"/api/organisations/{id}", created.Headers.Location?.OriginalString);

        var read = await client.GetAsync($"/api/organisations/{id}").Expect(HttpStatusCode.OK);
        var body = await read.Json();
        Assert.Equal("Northshire County Council", body.GetProperty("name").GetString());
        Assert.Equal("LocalAuthority", body.GetProperty("kind").GetString());
        Assert.Equal("Admin", body.GetProperty("members")[0].GetProperty("roles")[0].GetString());
        Assert.NotNull(read.Headers.ETag);
    }

    [Fact]
    public async Task SomeoneElseIsToldItDoesNotExist()
    {
        var app = database.Shared;
        var created = await app.CreateClient(Guid.NewGuid()).PostJson("/api/organisations", NewOrganisation()).Expect(HttpStatusCode.Created);
        var id = (await created.Json()).GetProperty("id").GetGuid();
        var stranger = app.CreateClient(Guid.NewGuid());
        await stranger.GetAsync($"/api/organisations/{id}").Expect(HttpStatusCode.NotFound);
        await stranger.GetAsync($"/api/organisations/{Guid.NewGuid()}").Expect(HttpStatusCode.NotFound);
        await stranger.PutJson($"/api/organisations/{id}/members/{Guid.NewGuid()}", new { displayName = "x", roles = new[] { "Admin" } })
            .Expect(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OnlyAdminsChangeRolesAndTheLastAdminStays()
    {
        var app = database.Shared;
        var admin = Guid.NewGuid();
        var facilitator = Guid.NewGuid();
        var client = app.CreateClient(admin);
        var id = (await (await client.PostJson("/api/organisations", NewOrganisation()).Expect(HttpStatusCode.Created)).Json()).GetProperty("id").GetGuid();
        await client.PutJson($"/api/organisations/{id}/members/{facilitator}", new { displayName = "Sam", roles = new[] { "Facilitator" } })
            .Expect(HttpStatusCode.OK);

        var asFacilitator = app.CreateClient(facilitator);
        await asFacilitator.GetAsync($"/api/organisations/{id}").Expect(HttpStatusCode.OK);
        await asFacilitator.PutJson($"/api/organisations/{id}/members/{facilitator}", new { displayName = "Sam", roles = new[] { "Admin" } })
            .Expect(HttpStatusCode.Forbidden);
        await client.PutJson($"/api/organisations/{id}/members/{admin}", new { displayName = "Priya", roles = Array.Empty<string>() })
            .Expect(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task RetriedCreateWithTheSameIdempotencyKeyMakesOneOrganisation()
    {
        var app = database.Shared;
        var client = app.CreateClient(Guid.NewGuid());
        var first = await Send(client, "key-1", NewOrganisation()).Expect(HttpStatusCode.Created);
        var second = await Send(client, "key-1", NewOrganisation()).Expect(HttpStatusCode.Created);
        var firstId = (await first.Json()).GetProperty("id").GetGuid();
        Assert.Equal(firstId, (await second.Json()).GetProperty("id").GetGuid());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        await Send(client, "key-1", NewOrganisation("Another name")).Expect(HttpStatusCode.BadRequest);
        var third = await Send(client, "key-2", NewOrganisation()).Expect(HttpStatusCode.Created);
        Assert.NotEqual(firstId, (await third.Json()).GetProperty("id").GetGuid());
        var person = await client.GetAsync("/api/organisations/" + firstId).Expect(HttpStatusCode.OK);
        Assert.Single((await person.Json()).GetProperty("members").EnumerateArray());

        static Task<HttpResponseMessage> Send(HttpClient client, string key, object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/organisations") { Content = System.Net.Http.Json.JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return client.SendAsync(request);
        }
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"kind\":\"Spaceship\",\"displayName\":\"y\"}")]
    [InlineData("{\"name\":\"x\",\"kind\":7,\"displayName\":\"y\"}")]
    [InlineData("{\"kind\":\"Charity\",\"displayName\":\"y\"}")]
    [InlineData("{\"name\":\"\",\"kind\":\"Charity\",\"displayName\":\"y\"}")]
    [InlineData("{\"name\":\"x\",\"kind\":\"Charity\",\"displayName\":\"y\",\"extra\":1}")]
    [InlineData("{\"name\":")]
    [InlineData("[]")]
    public async Task MalformedCreateIsABadRequestWithProblemDetails(string json)
    {
        var app = database.Shared;
        var response = await app.CreateClient(Guid.NewGuid())
            .PostAsync("/api/organisations", new StringContent(json, System.Text.Encoding.UTF8, "application/json"))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WithoutATokenTheAnswerIs401ProblemDetails()
    {
        var app = database.Shared;
        var response = await app.CreateClient().PostJson("/api/organisations", NewOrganisation()).Expect(HttpStatusCode.Unauthorized);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var forged = app.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", app.TokenFor(Guid.NewGuid())[..^4] + "AAAA");
        await forged.GetAsync($"/api/organisations/{Guid.NewGuid()}").Expect(HttpStatusCode.Unauthorized);
    }
}

public sealed class SqliteOrganisationsApiTests(SqliteGateway database) : OrganisationsApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresOrganisationsApiTests(PostgresGateway database) : OrganisationsApiTests(database), IClassFixture<PostgresGateway>;
