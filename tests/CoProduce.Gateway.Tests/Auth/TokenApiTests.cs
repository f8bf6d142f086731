using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CoProduce.Gateway.Tests.Live;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Auth;

/// <summary>Tokens against the running gateway: malformed claims, key rotation, revocation and renewal by invitation.</summary>
public abstract class TokenApiTests(GatewayDatabase database)
{
    private static readonly byte[] TestKey = Convert.FromBase64String(GatewayApplication.TestSigningKey);

    /// <summary>The year-10000 expiry answered 500 before; every unreadable claim is a 401 with problem details.</summary>
    [Theory]
    [InlineData("253402300800")]
    [InlineData("9223372036854775807")]
    [InlineData("1e300")]
    [InlineData("\"never\"")]
    [InlineData("-62135596801")]
    public async Task ASignedTokenWithAnImpossibleExpiryIsRefusedWith401(string exp)
    {
        var app = database.Shared;
        var token = BearerTokenTests.SignedToken("""{"alg":"HS256","typ":"JWT"}""",
            $$"""{"iss":"coproduce","aud":"coproduce-api","sub":"{{Guid.NewGuid()}}","exp":{{exp}}}""", TestKey);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ARotatedKeyStillSignsPeopleInUntilItIsRemoved()
    {
        var person = Guid.NewGuid();
        string oldToken;
        await using (var before = new GatewayApplication(database))
        {
            oldToken = before.TokenFor(person);
        }

        var next = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using (var overlapping = new GatewayApplication(database, new Dictionary<string, string?>
        {
            ["CoProduce:Auth:SigningKey"] = next,
            ["CoProduce:Auth:PreviousSigningKeys:0"] = GatewayApplication.TestSigningKey,
        }))
        {
            await Me(overlapping, oldToken).Expect(HttpStatusCode.OK);
            await Me(overlapping, overlapping.TokenFor(person)).Expect(HttpStatusCode.OK);
        }

        await using var retired = new GatewayApplication(database, new Dictionary<string, string?> { ["CoProduce:Auth:SigningKey"] = next });
        await Me(retired, oldToken).Expect(HttpStatusCode.Unauthorized);
        await Me(retired, retired.TokenFor(person)).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public void TheDevelopmentKeyPublishedInTheRepositoryStopsStartUpOutsideDevelopment()
    {
        using var app = new GatewayApplication(database, new Dictionary<string, string?>
        {
            ["CoProduce:Auth:SigningKey"] = CoProduce.Gateway.Auth.SigningKeyRing.PublishedKeys[0],
        });
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        Assert.Contains(messages, m => m.Contains("published development key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RevokingSignsThePersonOutOfEveryRequestAndHubConnectionButNotOutOfNewTokens()
    {
        var clock = new ManualTimeProvider();
        await using var world = await LiveWorld.Create(database, clock: clock);
        var person = world.People.Contributor;
        var stolen = world.App.TokenFor(person);
        var other = world.App.TokenFor(world.People.Facilitator);
        await Me(world.App, stolen).Expect(HttpStatusCode.OK);

        var revoked = await (await Send(world.App, HttpMethod.Post, "/api/me/tokens/revoke", stolen).Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(person, revoked.GetProperty("personId").GetGuid());
        await Me(world.App, stolen).Expect(HttpStatusCode.Unauthorized);
        await Assert.ThrowsAnyAsync<Exception>(() => Connect(world, stolen));
        await Me(world.App, other).Expect(HttpStatusCode.OK);

        // Another node on the same database refuses it too (it has never cached this person).
        await using (var node = new GatewayApplication(database, configureServices: s => s.AddSingleton<TimeProvider>(clock)))
        {
            await Me(node, stolen).Expect(HttpStatusCode.Unauthorized);
        }

        clock.Advance(TimeSpan.FromSeconds(2));
        var fresh = world.App.TokenFor(person);
        await Me(world.App, fresh).Expect(HttpStatusCode.OK);
        await using var connection = await Connect(world, fresh);
        Assert.Equal(HubConnectionState.Connected, connection.State);
        var journal = await Scenario.Journal(world.App, "signin", person);
        Assert.Contains(journal, e => e.Type.EndsWith("TokensRevoked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RedeemingAnInvitationAgainNeverRenewsTheToken()
    {
        var clock = new ManualTimeProvider();
        await using var app = new GatewayApplication(database, configureServices: s => s.AddSingleton<TimeProvider>(clock));
        var facilitatorId = Guid.NewGuid();
        var facilitator = app.CreateClient(facilitatorId);
        var project = await Scenario.Project(app, facilitatorId, await Scenario.Organisation(facilitator));
        var code = (await (await facilitator.PostJson($"/api/projects/{project}/invitations", new { role = "Contributor" })
            .Expect(HttpStatusCode.Created)).Json()).GetProperty("code").GetString();
        var first = (await (await app.CreateClient().PostJson("/api/invitations/redeem", new { code }).Expect(HttpStatusCode.OK)).Json())
            .GetProperty("token").GetString()!;
        var firstExpiry = Expiry(first);

        var token = first;
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromDays(9));
            var again = app.CreateClient();
            again.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            token = (await (await again.PostJson("/api/invitations/redeem", new { code }).Expect(HttpStatusCode.OK)).Json())
                .GetProperty("token").GetString()!;
            Assert.Equal(firstExpiry, Expiry(token));
        }

        clock.Advance(TimeSpan.FromDays(4));
        await Me(app, token).Expect(HttpStatusCode.Unauthorized);
    }

    private static long Expiry(string token) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1])).RootElement.GetProperty("exp").GetInt64();

    private static Task<HttpResponseMessage> Me(GatewayApplication app, string token) => Send(app, HttpMethod.Get, "/api/me", token);

    private static Task<HttpResponseMessage> Send(GatewayApplication app, HttpMethod method, string url, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(new HttpRequestMessage(method, url));
    }

    private static async Task<HubConnection> Connect(LiveWorld world, string token)
    {
        var connection = Client.Live.LiveConnection.Build(world.Address, _ => ValueTask.FromResult(token), world.ProjectId);
        try
        {
            await connection.StartAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

public sealed class SqliteTokenApiTests(SqliteGateway database) : TokenApiTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresTokenApiTests(PostgresGateway database) : TokenApiTests(database), IClassFixture<PostgresGateway>;
