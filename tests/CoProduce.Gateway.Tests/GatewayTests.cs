using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using CoProduce.Journal.Storage;

namespace CoProduce.Gateway.Tests;

public sealed class GatewayTests
{
    [Fact]
    public async Task RootDescribesTheServiceAndItsStorage()
    {
        await using var app = new GatewayApplication();
        var info = await app.CreateClient().GetFromJsonAsync<JsonElement>("/");
        Assert.Equal("CoProduce", info.GetProperty("name").GetString());
        Assert.Equal("Sqlite", info.GetProperty("storage").GetString());
    }

    [Fact]
    public async Task LiveAndReadyAnswerWhenStorageAnswers()
    {
        await using var app = new GatewayApplication();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadyFailsButLiveHoldsWhenStorageStopsAnswering()
    {
        var broken = false;
        await using var app = new GatewayApplication(decorateStorage: inner => new SwitchableHealthStorage(inner, () => broken));
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        broken = true;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task UnknownRouteAnswersWithProblemDetails()
    {
        await using var app = new GatewayApplication();
        var response = await app.CreateClient().GetAsync("/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheApi()
    {
        await using var app = new GatewayApplication();
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.Equal("CoProduce API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty("/", out _));

        // Every API operation says what it does, and request bodies carry examples.
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                Assert.True(operation.Value.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 0, $"{operation.Name} {path.Name} has no summary");
            }
        }

        var example = document.GetProperty("components").GetProperty("schemas").GetProperty("CreateOrganisation").GetProperty("examples")[0];
        Assert.Equal("LocalAuthority", example.GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData(null, null, "CoProduce:Storage:Provider")]
    [InlineData("Oracle", null, "CoProduce:Storage:Provider")]
    [InlineData("PostgreSql", null, "CoProduce:Storage:ConnectionString")]
    [InlineData("PostgreSql", "Host=;;;=", "CoProduce:Storage:ConnectionString")]
    public void WrongOrMissingStorageSettingStopsStartUpNamingTheSetting(string? provider, string? connectionString, string named)
    {
        using var app = new GatewayApplication(settings: new Dictionary<string, string?>
        {
            ["CoProduce:Storage:Provider"] = provider ?? "",
            ["CoProduce:Storage:ConnectionString"] = connectionString,
        });
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var configuration = FindConfigurationError(error);
        Assert.NotNull(configuration);
        Assert.Contains(named, configuration.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAnAnonymityKeySeveralNodesCannotStart()
    {
        using var app = new GatewayApplication(settings: new Dictionary<string, string?>
        {
            ["CoProduce:Storage:Provider"] = "PostgreSql",
            ["CoProduce:Storage:ConnectionString"] = "Host=127.0.0.1;Database=never_opened",
            ["CoProduce:Anonymity:Key"] = "",
        });
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        Assert.Contains(messages, m => m.Contains("CoProduce:Anonymity:Key", StringComparison.Ordinal));
    }

    private static StorageConfigurationException? FindConfigurationError(Exception? error) => error switch
    {
        null => null,
        StorageConfigurationException found => found,
        AggregateException many => many.InnerExceptions.Select(FindConfigurationError).FirstOrDefault(e => e is not null),
        _ => FindConfigurationError(error.InnerException),
    };
}
