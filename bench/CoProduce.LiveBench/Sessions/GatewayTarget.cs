using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using CoProduce.Gateway.Auth;
using CoProduce.LiveBench.Clients;
using CoProduce.LiveBench.Hosting;
using CoProduce.Live;
using Npgsql;

namespace CoProduce.LiveBench.Sessions;

/// <summary>
/// The gateway on its own PostgreSQL database: one project whose contributors each join its live session
/// with their own token, and a choose-one decision on which one more contributor changes their vote.
/// </summary>
public sealed class GatewayTarget : ILiveTarget
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] Choices = ["Library", "Community centre"];

    private readonly TokenService _tokens;
    private readonly List<string> _people = [];
    private readonly List<Guid> _options = [];
    private Guid _project;
    private Guid _decision;

    private GatewayTarget(ServerProcess server, TokenService tokens)
    {
        Server = server;
        _tokens = tokens;
    }

    public string Name => "gateway /hubs/project";

    public ServerProcess Server { get; }

    public bool JoinOnOpen { get; set; } = true;

    /// <summary>
    /// Starts the gateway on a fresh database of <paramref name="postgres"/> and seats <paramref name="people"/>
    /// contributors; listening client n joins as contributor n modulo that number.
    /// </summary>
    public static async Task<GatewayTarget> StartAsync(string postgres, int people, IReadOnlyDictionary<string, string> settings)
    {
        var databaseName = $"coproduce_live_{Guid.NewGuid():N}";
        await using (var admin = NpgsqlDataSource.Create(postgres))
        {
            await using var create = admin.CreateCommand($"CREATE DATABASE {databaseName}");
            await create.ExecuteNonQueryAsync();
        }

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        // The shipped gateway's GC settings, unless --server-env sets them for both servers.
        var environment = new Dictionary<string, string>(GatewayRuntimeSettings.Environment());
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        var server = await ServerProcess.StartAsync(ServerProcess.GatewayMode, new Dictionary<string, string>(environment)
        {
            ["CoProduce__Storage__Provider"] = "PostgreSql",
            ["CoProduce__Storage__ConnectionString"] = new NpgsqlConnectionStringBuilder(postgres) { Database = databaseName, MaxPoolSize = 100 }.ConnectionString,
            ["CoProduce__Auth__SigningKey"] = key,
            ["CoProduce__Anonymity__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            // The bench seats several connections per person on purpose (--connections-per-person, warm-up clients).
            ["CoProduce__Live__ConnectionsPerPerson"] = "100000",
            // Load from a few people, far beyond what one person sends: the per-person HTTP rate limit is not what this measures.
            ["CoProduce__RateLimits__PerPersonPerMinute"] = "0",
        });
        var target = new GatewayTarget(server, new TokenService(new AuthOptions { SigningKey = key }, Convert.FromBase64String(key), TimeProvider.System));
        try
        {
            await target.SetUpAsync(people);
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    public Task<LightClient> OpenAsync(int n, CancellationToken cancellationToken) => JoinAsync(_people[1 + (n % (_people.Count - 1))], cancellationToken);

    public Task<LightClient> OpenActorAsync(CancellationToken cancellationToken) => JoinAsync(_people[0], cancellationToken);

    public Task ActAsync(LightClient actor, int round, CancellationToken cancellationToken) =>
        actor.InvokeAsync(nameof(IProjectHub.Vote), JsonSerializer.Serialize(
            new VoteRequest(_project, _decision, new LiveBallot(Choice: _options[round % _options.Count])), Json), cancellationToken);

    private async Task<LightClient> JoinAsync(string token, CancellationToken cancellationToken)
    {
        var hub = new UriBuilder(new Uri(Server.Address, HubPaths.Project))
        {
            Scheme = "ws",
            Query = $"{HubPaths.AccessTokenQuery}={Uri.EscapeDataString(token)}&{HubPaths.ProjectQuery}={_project:D}",
        }.Uri;
        var client = await LightClient.ConnectAsync(hub, cancellationToken);
        if (JoinOnOpen)
        {
            await client.InvokeAsync(nameof(IProjectHub.Join), JsonSerializer.Serialize(new JoinRequest(_project), Json), cancellationToken);
        }

        return client;
    }

    private async Task SetUpAsync(int people)
    {
        using var http = new HttpClient { BaseAddress = Server.Address, Timeout = TimeSpan.FromMinutes(2) };
        var admin = _tokens.Issue(Guid.NewGuid(), TimeSpan.FromHours(4));
        var organisation = Id(await Send(http, admin, HttpMethod.Post, "/api/organisations", new { name = "Live Bench Trust", kind = "NhsTrust", displayName = "Admin" }));
        _project = Id(await Send(http, admin, HttpMethod.Post, "/api/projects", new { organisationId = organisation, name = "Live bench", summary = "One session" }));

        // The voter first, then the listeners; the project grain seats them one at a time anyway.
        var ids = Enumerable.Range(0, people + 1).Select(_ => Guid.NewGuid()).ToList();
        _people.AddRange(ids.Select(id => _tokens.Issue(id, TimeSpan.FromHours(4))));
        for (var start = 0; start < ids.Count; start += 16)
        {
            await Task.WhenAll(ids.Skip(start).Take(16).Select(async id =>
            {
                // Staff ask; the person joins by accepting (nobody is added to a project without their own act).
                await Send(http, admin, HttpMethod.Put, $"/api/projects/{_project}/participants/{id}", new { role = "Contributor" });
                await Send(http, _tokens.Issue(id, TimeSpan.FromHours(4)), HttpMethod.Post, $"/api/me/participation-requests/{_project}/accept", new { });
            }));
        }

        var decision = await Send(http, admin, HttpMethod.Post, $"/api/projects/{_project}/decisions", new
        {
            title = "Where should the carers' group meet?",
            method = "ChooseOne",
            closesAt = DateTimeOffset.UtcNow.AddHours(4),
            options = Choices,
        });
        _decision = Id(decision);
        _options.AddRange(decision.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
    }

    private static async Task<JsonElement> Send(HttpClient http, string token, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
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

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
