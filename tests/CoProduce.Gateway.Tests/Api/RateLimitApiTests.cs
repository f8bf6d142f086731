using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CoProduce.Gateway.Tests.Api;

/// <summary>The HTTP rate limits: per client address on redeeming invitations, per person elsewhere; 429 with Retry-After.</summary>
public sealed class RateLimitApiTests
{
    [Fact]
    public async Task GuessingInvitationCodesFromOneAddressIsSlowedTo429WithRetryAfter()
    {
        await using var app = new GatewayApplication(settings: new Dictionary<string, string?> { ["CoProduce:RateLimits:RedeemsPerAddressPerMinute"] = "3" });
        var guesser = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await guesser.PostJson("/api/invitations/redeem", new { code = $"guess-{i}" }).Expect(HttpStatusCode.NotFound);
        }

        var refused = await guesser.PostJson("/api/invitations/redeem", new { code = "guess-3" });
        await AssertTooMany(refused);

        // Signing in does not lift the per-address limit on redeeming.
        await AssertTooMany(await app.CreateClient(Guid.NewGuid()).PostJson("/api/invitations/redeem", new { code = "guess-4" }));
    }

    [Fact]
    public async Task OnePersonIsLimitedWithoutSlowingAnyoneElse()
    {
        await using var app = new GatewayApplication(settings: new Dictionary<string, string?> { ["CoProduce:RateLimits:PerPersonPerMinute"] = "5" });
        var busy = Guid.NewGuid();
        for (var i = 0; i < 5; i++)
        {
            await app.CreateClient(busy).GetAsync("/api/me").Expect(HttpStatusCode.OK);
        }

        // The limit is the person's, not the connection's: a new client with a new token is refused too.
        await AssertTooMany(await app.CreateClient(busy).GetAsync("/api/me"));
        await AssertTooMany(await app.CreateClient(busy).PostJson("/api/organisations", new { name = "Council", kind = "LocalAuthority", displayName = "Priya" }));
        await app.CreateClient(Guid.NewGuid()).GetAsync("/api/me").Expect(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health/live")).StatusCode);
    }

    private static async Task AssertTooMany(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var seconds = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(seconds);
        Assert.InRange(seconds.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
    }
}
