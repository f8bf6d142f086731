using System.Net;
using System.Text;

namespace CoProduce.Gateway.Tests.Api;

/// <summary>
/// Text people type is refused, with 400 problem details and nothing stored, when it holds what readers
/// cannot see or what turns the text around it: noncharacters, half a surrogate pair and direction overrides.
/// </summary>
public abstract class TextRulesApiTests(GatewayDatabase database)
{
    /// <summary>JSON escapes, so the request itself is plain ASCII whatever the character.</summary>
    [Theory]
    [InlineData("Northshire \\uFFFE Council")]
    [InlineData("Northshire \\uFFFF")]
    [InlineData("Northshire \\uFDD0")]
    [InlineData("Northshire \\uD83F\\uDFFE")]
    [InlineData("Northshire \\uD800 Council")]
    [InlineData("Northshire \\uDC00")]
    [InlineData("Invoice \\u202Egnp.exe")]
    [InlineData("Council \\u202A")]
    [InlineData("Council \\u2066x\\u2069")]
    [InlineData("Council \\u2068")]
    public async Task ANameWithInvisibleOrDirectionChangingCharactersIsRefused(string escaped)
    {
        var app = database.Shared;
        var admin = app.CreateClient(Guid.NewGuid());
        var before = await database.DumpAsync(everyTable: true);
        var body = $$"""{"name":"{{escaped}}","kind":"LocalAuthority","displayName":"Priya"}""";
        var response = await admin.PostAsync("/api/organisations", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await database.DumpAsync(everyTable: true));

        // The same character in a paragraph (a project's description) is refused too.
        var organisation = await Scenario.Organisation(admin);
        var project = $$"""{"organisationId":"{{organisation}}","name":"Crisis support","summary":"Nights {{escaped}}"}""";
        var refused = await admin.PostAsync("/api/projects", new StringContent(project, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Theory]
    [InlineData("مجلس نورثشاير")]
    [InlineData("Café \u200F mark")]
    [InlineData("Carers 🧡 group")]
    [InlineData("Ōtautahi 𝄞")]
    public async Task RealTextInAnyScriptIsKept(string name)
    {
        var app = database.Shared;
        var admin = app.CreateClient(Guid.NewGuid());
        var organisation = await Scenario.Organisation(admin, name);
        var read = await (await admin.GetAsync($"/api/organisations/{organisation}").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(name, read.GetProperty("name").GetString());
    }
}

public sealed class SqliteTextRulesApiTests(SqliteGateway database) : TextRulesApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresTextRulesApiTests(PostgresGateway database) : TextRulesApiTests(database), IClassFixture<PostgresGateway>;
