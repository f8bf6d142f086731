using System.Net;
using CoProduce.Client.Http;
using CoProduce.Live;

namespace CoProduce.Gateway.Tests.Sdk;

/// <summary>
/// The .NET SDK's HTTP client against a scripted server: a 503 with Retry-After is sent again after the delay it
/// names, for requests that are safe to repeat, a bounded number of times; a POST without an Idempotency-Key never is.
/// </summary>
public sealed class HttpClientRetryTests
{
    private const string Decision = """
        {"id":"6f1c2d9e-64a8-4b53-9d55-0c1f4c1f0a01","projectId":"0f8fad5b-d9cb-469f-a165-70867728950e","title":"Meet monthly",
         "method":"Consent","options":[],"status":"Open","voters":0,"results":null}
        """;

    private static readonly Guid ProjectId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly Guid DecisionId = Guid.Parse("6f1c2d9e-64a8-4b53-9d55-0c1f4c1f0a01");

    [Fact]
    public async Task AReadAnswered503WithRetryAfterIsSentAgainAfterTheDelay()
    {
        await using var server = await ScriptedServer.StartAsync([503], retryAfter: "1", Decision);
        using var http = new HttpClient { BaseAddress = server.Address };

        var decision = await Client(http).GetDecisionAsync(ProjectId, DecisionId);

        Assert.Equal(DecisionId, decision.Id);
        var received = server.Received.ToList();
        Assert.Equal(2, received.Count);
        Assert.All(received, r => Assert.Equal("GET", r.Method));
        var waited = received[1].ArrivedAt - received[0].ArrivedAt;
        Assert.True(waited >= TimeSpan.FromSeconds(0.95), $"The retry came {waited.TotalMilliseconds} ms after the 503 that asked for 1 s.");
    }

    [Fact]
    public async Task ACreateIsSentAgainWithTheSameIdempotencyKey()
    {
        await using var server = await ScriptedServer.StartAsync([503, 503], retryAfter: "0", Decision);
        using var http = new HttpClient { BaseAddress = server.Address };

        var created = await Client(http).CreateDecisionAsync(ProjectId, new DecisionDraft("Meet monthly", "Consent", DateTimeOffset.UtcNow.AddDays(1)));

        Assert.Equal(DecisionId, created.Id);
        var received = server.Received.ToList();
        Assert.Equal(3, received.Count);
        Assert.All(received, r => Assert.Equal("POST", r.Method));
        Assert.False(string.IsNullOrEmpty(received[0].IdempotencyKey));
        Assert.All(received, r => Assert.Equal(received[0].IdempotencyKey, r.IdempotencyKey));
    }

    [Fact]
    public async Task APostWithoutIdempotencyKeyIsNeverSentAgain()
    {
        await using var server = await ScriptedServer.StartAsync([503], retryAfter: "0", Decision);
        using var http = new HttpClient { BaseAddress = server.Address };

        var refused = await Assert.ThrowsAsync<CoProduceApiException>(() => Client(http).CloseDecisionAsync(ProjectId, DecisionId));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        var only = Assert.Single(server.Received);
        Assert.Equal(("POST", (string?)null), (only.Method, only.IdempotencyKey));
    }

    [Fact]
    public async Task RetriesStopAtThePolicysLimitAndWaitNoLongerThanItsLongestDelay()
    {
        // Retry-After asks for a minute; the policy waits at most 10 ms, and retries twice.
        await using var server = await ScriptedServer.StartAsync([503, 503, 503, 503], retryAfter: "60", Decision);
        using var http = new HttpClient { BaseAddress = server.Address };
        var client = new CoProduceHttpClient(http, _ => ValueTask.FromResult("token"), new HttpRetryPolicy(2, TimeSpan.FromMilliseconds(10)));

        var refused = await Assert.ThrowsAsync<CoProduceApiException>(() =>
            client.VoteAsync(ProjectId, DecisionId, new LiveBallot(Position: "Agree"))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        var received = server.Received.ToList();
        Assert.Equal(3, received.Count);
        Assert.All(received, r => Assert.Equal("PUT", r.Method));
    }

    private static CoProduceHttpClient Client(HttpClient http) => new(http, _ => ValueTask.FromResult("token"));
}
