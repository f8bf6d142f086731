using System.Net;
using System.Text.Json;
using CoProduce.Gateway.Tests.Agenda;

namespace CoProduce.Gateway.Tests.Decisions;

/// <summary>The agenda tests' project (everyone in every position) with helpers to call the decisions API.</summary>
public sealed class DecisionProject(AgendaProject project)
{
    /// <summary>Reminders checked often and allowed to repeat quickly, so closing and review come back within a test.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FastReminders = new Dictionary<string, string?>
    {
        ["CoProduce:Reminders:MinimumReminderPeriod"] = "00:00:01",
        ["CoProduce:Reminders:RefreshReminderListPeriod"] = "00:00:00.200",
    };

    public AgendaProject People => project;

    public string Url => $"/api/projects/{project.ProjectId}/decisions";

    public static async Task<DecisionProject> Create(GatewayApplication app) => new(await AgendaProject.Create(app));

    public HttpClient As(Guid person) => project.As(person);

    /// <summary>Creates a decision as the facilitator; <paramref name="extra"/> adds or overrides request members.</summary>
    public async Task<JsonElement> Decide(string method, string[]? options = null, object? extra = null, DateTimeOffset? closesAt = null)
    {
        var response = await Post(method, options, extra, closesAt).Expect(HttpStatusCode.Created);
        return await response.Json();
    }

    public Task<HttpResponseMessage> Post(string method, string[]? options = null, object? extra = null, DateTimeOffset? closesAt = null, Guid? by = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["title"] = "Where should the carers' group meet?",
            ["method"] = method,
            ["closesAt"] = closesAt ?? DateTimeOffset.UtcNow.AddDays(3),
            ["options"] = options,
        };
        foreach (var member in JsonSerializer.SerializeToElement(extra ?? new { }, ApiJson.Options).EnumerateObject())
        {
            body[member.Name] = member.Value;
        }

        return As(by ?? project.Facilitator).PostJson(Url, body);
    }

    public static Guid Id(JsonElement decision) => decision.GetProperty("id").GetGuid();

    public static Guid Option(JsonElement decision, int index) => decision.GetProperty("options")[index].GetProperty("id").GetGuid();

    public Task<HttpResponseMessage> Vote(JsonElement decision, Guid person, object ballot) =>
        As(person).PutJson($"{Url}/{Id(decision)}/ballot", ballot);

    public async Task<JsonElement> Read(JsonElement decision, Guid? person = null) =>
        await (await As(person ?? project.Facilitator).GetAsync($"{Url}/{Id(decision)}").Expect(HttpStatusCode.OK)).Json();

    /// <summary>The decision exactly as stored, to show that a refused request changed nothing.</summary>
    public async Task<string> Snapshot(JsonElement decision)
    {
        var response = await As(project.Facilitator).GetAsync($"{Url}/{Id(decision)}").Expect(HttpStatusCode.OK);
        return $"{response.Headers.ETag} {await response.Content.ReadAsStringAsync()}";
    }

    public Task<HttpResponseMessage> Close(JsonElement decision) => As(project.Facilitator).PostAsync($"{Url}/{Id(decision)}/close", null);
}
