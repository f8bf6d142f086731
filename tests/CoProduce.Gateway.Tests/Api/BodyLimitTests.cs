using System.Net;
using System.Text;

namespace CoProduce.Gateway.Tests.Api;

/// <summary>Over a real socket (Kestrel), a body over the limit is refused before any work is done.</summary>
public sealed class BodyLimitTests
{
    [Fact]
    public async Task BodyOverTheLimitIsRefusedWith413ProblemDetails()
    {
        await using var app = new GatewayApplication();
        app.UseKestrel(0);
        app.StartServer();
        var client = app.CreateClient(Guid.NewGuid());
        Assert.NotEqual(80, client.BaseAddress!.Port);
        var huge = $"{{\"name\":\"{new string('x', 300 * 1024)}\",\"kind\":\"Charity\",\"displayName\":\"x\"}}";
        var response = await client.PostAsync("/api/organisations", new StringContent(huge, Encoding.UTF8, "application/json"))
            .Expect(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
