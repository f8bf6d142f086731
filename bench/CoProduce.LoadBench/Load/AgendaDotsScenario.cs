using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using CoProduce.Gateway.Auth;
using CoProduce.LoadBench.Baseline;
using Npgsql;

namespace CoProduce.LoadBench.Load;

/// <summary>
/// Issue 3's benchmark: participants of one project place dots on its agenda items, all at once, over
/// HTTP with their own tokens: through the gateway's grains, and through the conventional baseline.
/// </summary>
public sealed class AgendaDotsScenario(HttpClient http, TokenService tokens, NpgsqlDataSource database, int participants, int items, int dotsPerPerson)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly List<(Guid Person, string Token)> _people = [];
    private readonly List<Guid> _items = [];
    private Guid _project;

    public async Task SetUpAsync()
    {
        var admin = Guid.NewGuid();
        var asAdmin = Authorised(tokens.Issue(admin));
        var organisation = await Id(await Send(asAdmin, HttpMethod.Post, "/api/organisations", new { name = "Bench Council", kind = "LocalAuthority", displayName = "Admin" }));
        _project = await Id(await Send(asAdmin, HttpMethod.Post, "/api/projects", new { organisationId = organisation, name = "Bench project", summary = "Load" }));
        for (var i = 0; i < participants; i++)
        {
            var person = Guid.NewGuid();
            _people.Add((person, tokens.Issue(person, TimeSpan.FromHours(2))));
            // Staff ask; the person joins by accepting (nobody is added to a project without their own act).
            await Send(asAdmin, HttpMethod.Put, $"/api/projects/{_project}/participants/{person}", new { role = "Contributor" });
            await Send(Authorised(_people[^1].Token), HttpMethod.Post, $"/api/me/participation-requests/{_project}/accept", new { });
        }

        for (var i = 0; i < items; i++)
        {
            _items.Add(await Id(await Send(asAdmin, HttpMethod.Post, $"/api/projects/{_project}/agenda/items", new { title = $"Item {i}", description = "Something to discuss" })));
        }

        await Send(asAdmin, HttpMethod.Post, $"/api/projects/{_project}/agenda/ranking", new { method = "DotVote", dotsPerPerson });
        await BaselineDots.SeedAsync(database, _project, _people.Select(p => p.Person), _items, dotsPerPerson);
    }

    public Task<LoadResult> RunGrainsAsync(TimeSpan duration) =>
        LoadRunner.RunAsync("grains: PUT /api/projects/{id}/agenda/ranking/mine/dots", participants, duration,
            (worker, n) => PlaceAsync($"/api/projects/{_project}/agenda/ranking/mine/dots", worker, n));

    public Task<LoadResult> RunBaselineAsync(TimeSpan duration) =>
        LoadRunner.RunAsync("baseline: load-modify-save rows per request", participants, duration,
            (worker, n) => PlaceAsync($"/bench/baseline/projects/{_project}/dots", worker, n));

    private async Task<bool> PlaceAsync(string path, int worker, long n)
    {
        // Each request moves the participant's dots, spread over the items differently each time.
        var dots = new Dictionary<Guid, int>();
        for (var d = 0; d < dotsPerPerson; d++)
        {
            var item = _items[(int)((worker + n + (d * 7)) % _items.Count)];
            dots[item] = dots.GetValueOrDefault(item) + 1;
        }

        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(new { dots }, options: Json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _people[worker].Token);
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode;
    }

    private (HttpClient, string) Authorised(string token) => (http, token);

    private static async Task<JsonElement> Send((HttpClient Http, string Token) caller, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", caller.Token);
        using var response = await caller.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Task<Guid> Id(JsonElement body) => Task.FromResult(body.GetProperty("id").GetGuid());
}
