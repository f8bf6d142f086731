using System.Net;
using System.Text.Json;

namespace CoProduce.Gateway.Tests.Api;

/// <summary>Headers that keep answers out of caches and scripts out of pages, the bearer scheme in OpenAPI, and invitation links that no request can steer.</summary>
public sealed class SecurityHeadersApiTests
{
    [Theory]
    [InlineData("/api/me")]
    [InlineData("/api/me/payments")]
    [InlineData("/api/me/claims")]
    [InlineData("/api/me/statement.csv")]
    [InlineData("/api/me/statement.html")]
    [InlineData("/api/me/recognition")]
    [InlineData("/api/organisations/00000000-0000-0000-0000-000000000001")]
    public async Task PersonalAnswersAreNeverStoredAndNeverSniffedOrScripted(string path)
    {
        await using var app = new GatewayApplication();
        var person = Guid.NewGuid();
        await app.CreateClient(person).PutJson("/api/me/profile", new { name = "Amira" });
        var response = await app.CreateClient(person).GetAsync(path);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        AssertNoSniffAndStrictPolicy(response);
    }

    [Fact]
    public async Task TheHtmlStatementMayRunNoScriptAndEveryAnswerCarriesTheHeaders()
    {
        await using var app = new GatewayApplication();
        var statement = await app.CreateClient(Guid.NewGuid()).GetAsync("/api/me/statement.html");
        Assert.Equal(HttpStatusCode.OK, statement.StatusCode);
        Assert.Equal("text/html", statement.Content.Headers.ContentType?.MediaType);
        var policy = AssertNoSniffAndStrictPolicy(statement);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);

        foreach (var response in new[]
        {
            await app.CreateClient().GetAsync("/"),
            await app.CreateClient().GetAsync("/api/me"),
            await app.CreateClient().GetAsync("/no-such-thing"),
            await app.CreateClient().GetAsync("/openapi/v1.json"),
        })
        {
            AssertNoSniffAndStrictPolicy(response);
        }
    }

    [Fact]
    public async Task TheOpenApiDocumentDeclaresTheBearerSchemeOnOperationsThatNeedIt()
    {
        await using var app = new GatewayApplication();
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json").Expect(HttpStatusCode.OK)).Json();
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var paths = document.GetProperty("paths");
        Assert.True(Secured(paths.GetProperty("/api/me").GetProperty("get")));
        Assert.False(Secured(paths.GetProperty("/api/invitations/redeem").GetProperty("post")));
    }

    [Fact]
    public async Task AnInvitationLinkIgnoresTheHostTheRequestNames()
    {
        await using var app = new GatewayApplication(settings: new Dictionary<string, string?> { ["CoProduce:Invitations:LinkBase"] = "https://coproduce.example.org/" });
        var admin = Guid.NewGuid();
        var client = app.CreateClient(admin);
        var project = await Scenario.Project(app, admin, await Scenario.Organisation(client));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{project}/invitations")
        {
            Content = JsonContent("""{"role":"Contributor"}"""),
        };
        request.Headers.Host = "evil.example.com";
        var issued = await (await client.SendAsync(request)).Json();
        Assert.StartsWith("https://coproduce.example.org/join#code=", issued.GetProperty("link").GetString(), StringComparison.Ordinal);

        await using var local = new GatewayApplication();
        var localAdmin = Guid.NewGuid();
        var localClient = local.CreateClient(localAdmin);
        var localProject = await Scenario.Project(local, localAdmin, await Scenario.Organisation(localClient));
        using var hostile = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{localProject}/invitations") { Content = JsonContent("""{"role":"Contributor"}""") };
        hostile.Headers.Host = "evil.example.com";
        var link = (await (await localClient.SendAsync(hostile)).Json()).GetProperty("link").GetString();
        Assert.DoesNotContain("evil", link, StringComparison.Ordinal);
    }

    private static bool Secured(JsonElement operation) =>
        operation.TryGetProperty("security", out var security) && security.EnumerateArray().Any(r => r.TryGetProperty("Bearer", out _));

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static string AssertNoSniffAndStrictPolicy(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        return policy;
    }
}
