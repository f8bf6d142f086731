using System.Net;
using System.Text.RegularExpressions;
using CoProduce.Gateway.Cli;

namespace CoProduce.Gateway.Tests.Cli;

public sealed partial class DemoSeedTests
{
    [Fact]
    public async Task DemoSeedCreatesALivingProjectThatItsPeopleCanOpenWithTheirTokens()
    {
        await using var app = new GatewayApplication();
        _ = app.Server;
        using var output = new StringWriter();
        await DemoSeed.RunAsync(app.Services, output);
        var text = output.ToString();

        var project = ProjectLine().Match(text).Groups[1].Value;
        var amiraToken = TokenAfter(text, "Amira, contributor");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", amiraToken);
        var response = await client.GetAsync($"/api/projects/{project}").Expect(HttpStatusCode.OK);
        var body = await response.Json();
        Assert.Equal("PreProduction", body.GetProperty("stage").GetString());
        Assert.Equal(4, body.GetProperty("participants").GetArrayLength());
        Assert.NotEmpty(body.GetProperty("preProduction").GetProperty("scope").GetProperty("nonNegotiables").EnumerateArray());

        var agenda = await (await client.GetAsync($"/api/projects/{project}/agenda").Expect(HttpStatusCode.OK)).Json();
        Assert.Equal(2, agenda.GetProperty("items").GetArrayLength());
    }

    private static string TokenAfter(string text, string who)
    {
        var at = text.IndexOf(who, StringComparison.Ordinal);
        return TokenLine().Match(text, at).Groups[1].Value;
    }

    [GeneratedRegex(@"project\s+([0-9a-f-]{36})")]
    private static partial Regex ProjectLine();

    [GeneratedRegex(@"token (\S+)")]
    private static partial Regex TokenLine();
}
