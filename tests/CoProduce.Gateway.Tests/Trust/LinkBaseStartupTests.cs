using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace CoProduce.Gateway.Tests.Trust;

/// <summary>
/// Invitation links must point where people can open them: in Production the gateway refuses to start without
/// CoProduce:Invitations:LinkBase (or with one that is not an absolute http(s) address), saying which setting to set.
/// </summary>
public sealed class LinkBaseStartupTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("coproduce.example.org")]
    [InlineData("javascript:alert(1)")]
    public void StartUpInProductionIsRefusedWithoutAnAbsoluteLinkBase(string? linkBase)
    {
        using var app = new GatewayApplication(settings: new Dictionary<string, string?> { ["CoProduce:Invitations:LinkBase"] = linkBase });
        using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var error = Assert.ThrowsAny<Exception>(() => production.CreateClient());
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        Assert.Contains(messages, m => m.Contains("CoProduce:Invitations:LinkBase", StringComparison.Ordinal) && m.Contains("Production", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProductionWithAnAbsoluteLinkBaseStarts()
    {
        using var app = new GatewayApplication(settings: new Dictionary<string, string?> { ["CoProduce:Invitations:LinkBase"] = "https://coproduce.example.org" });
        using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var ready = await production.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task OutsideProductionTheLocalAddressStillServes()
    {
        await using var app = new GatewayApplication(settings: new Dictionary<string, string?> { ["CoProduce:Invitations:LinkBase"] = null });
        var ready = await app.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
