using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using CoProduce.Gateway.Auth;
using CoProduce.LoadBench.Baseline;
using Npgsql;

namespace CoProduce.LoadBench.Load;

/// <summary>
/// Issue 4's benchmark: voters of one project cast and change their ranked-choice ballots on one decision,
/// all at once, over HTTP with their own tokens: through the gateway's decision grain, and through the
/// conventional baseline. Every third voter has lived experience, in both.
/// </summary>
public sealed class RankedVotesScenario(HttpClient http, TokenService tokens, NpgsqlDataSource database, int voters, int options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly List<(Guid Person, string Token)> _voters = [];
    private readonly List<Guid> _options = [];
    private Guid _project;
    private Guid _decision;

    private static bool LivedExperience(int voter) => voter % 3 == 0;

    public async Task SetUpAsync()
    {
        var admin = tokens.Issue(Guid.NewGuid(), TimeSpan.FromHours(2));
        var organisation = Id(await Send(admin, HttpMethod.Post, "/api/organisations", new { name = "Bench Trust", kind = "NhsTrust", displayName = "Admin" }));
        _project = Id(await Send(admin, HttpMethod.Post, "/api/projects", new { organisationId = organisation, name = "Ranked bench", summary = "Load" }));

        // Voters join a few at a time; the project grain takes them one by one anyway.
        for (var i = 0; i < voters; i++)
        {
            _voters.Add((Guid.NewGuid(), ""));
        }

        for (var start = 0; start < voters; start += 16)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(16, voters - start)).Select(async i =>
            {
                var token = tokens.Issue(_voters[i].Person, TimeSpan.FromHours(2));
                _voters[i] = (_voters[i].Person, token);
                await Send(token, HttpMethod.Put, "/api/me/profile", new { name = $"Voter {i}", livedExperience = LivedExperience(i) });
                await Send(admin, HttpMethod.Put, $"/api/projects/{_project}/participants/{_voters[i].Person}", new { role = "Contributor" });
                // The voter joins by accepting, and lets the project count her lived experience (the quorum reads it).
                await Send(token, HttpMethod.Post, $"/api/me/participation-requests/{_project}/accept", new { showLivedExperience = true, countInAggregates = true });
            }));
        }

        var decision = await Send(admin, HttpMethod.Post, $"/api/projects/{_project}/decisions", new
        {
            title = "Which service should change first?",
            method = "RankedChoice",
            closesAt = DateTimeOffset.UtcNow.AddHours(3),
            options = Enumerable.Range(1, options).Select(o => $"Option {o}").ToArray(),
            minimumWithLivedExperience = 1,
        });
        _decision = Id(decision);
        _options.AddRange(decision.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
        await BaselineRankedVotes.SeedAsync(database, _project, _decision, [.. _voters.Select(v => v.Person)], _options, LivedExperience);
    }

    public Task<LoadResult> RunGrainsAsync(TimeSpan duration) =>
        LoadRunner.RunAsync("grains: PUT /api/projects/{id}/decisions/{id}/ballot (ranked choice)", voters, duration,
            (worker, n) => VoteAsync($"/api/projects/{_project}/decisions/{_decision}/ballot", worker, n));

    public Task<LoadResult> RunBaselineAsync(TimeSpan duration) =>
        LoadRunner.RunAsync("baseline: row-level transaction per ranked ballot", voters, duration,
            (worker, n) => VoteAsync($"/bench/baseline/projects/{_project}/decisions/{_decision}/ballot", worker, n));

    /// <summary>The grains' count, so the run can show that every voter's ballot is there exactly once.</summary>
    public async Task<int> CountedVotersAsync()
    {
        var view = await Send(tokens.Issue(_voters[0].Person), HttpMethod.Get, $"/api/projects/{_project}/decisions/{_decision}", null);
        return view.GetProperty("voters").GetInt32();
    }

    private async Task<bool> VoteAsync(string path, int worker, long n)
    {
        // Each request changes the voter's ranking: three options, rotated by voter and request.
        var ranking = Enumerable.Range(0, 3).Select(r => _options[(int)((worker + n + r) % _options.Count)]).ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(new { ranking }, options: Json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _voters[worker].Token);
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode;
    }

    private async Task<JsonElement> Send(string token, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Guid Id(JsonElement body) => body.GetProperty("id").GetGuid();
}
