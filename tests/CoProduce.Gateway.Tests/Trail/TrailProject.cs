using System.Net;
using System.Text.Json;
using CoProduce.Gateway.Tests.Agenda;
using CoProduce.Gateway.Tests.Decisions;
using CoProduce.Gateway.Tests.Evaluation;
using CoProduce.Gateway.Tests.Feedback;

namespace CoProduce.Gateway.Tests.Trail;

/// <summary>The feedback tests' project with helpers for agenda items, decisions taking them up, and the trail.</summary>
public sealed class TrailProject(GatewayApplication app, FeedbackProject feedback)
{
    public FeedbackProject Feedback => feedback;

    public DecisionProject Decisions => feedback.Decisions;

    public AgendaProject People => feedback.People;

    public EvaluationProject Evaluation { get; } = new(app, feedback.People);

    public static async Task<TrailProject> Create(GatewayApplication app) => new(app, await FeedbackProject.Create(app));

    public HttpClient As(Guid person) => People.As(person);

    public async Task<Guid> Item(Guid person, string title) => (await People.Propose(person, title)).GetProperty("id").GetGuid();

    /// <summary>A decision taking up <paramref name="items"/>; <paramref name="extra"/> adds request members.</summary>
    public Task<JsonElement> Decide(string method, Guid[] items, string[]? options = null, object? extra = null)
    {
        var body = JsonSerializer.SerializeToElement(extra ?? new { }, ApiJson.Options).EnumerateObject()
            .ToDictionary(m => m.Name, m => (object?)m.Value);
        body["agendaItemIds"] = items;
        return Decisions.Decide(method, options, body);
    }

    public string TrailUrl(JsonElement decision) => $"{Decisions.Url}/{DecisionProject.Id(decision)}/trail";

    public async Task<JsonElement> Trail(JsonElement decision, Guid person) =>
        await (await As(person).GetAsync(TrailUrl(decision)).Expect(HttpStatusCode.OK)).Json();

    public async Task<JsonElement> Contributions(Guid person) =>
        await (await As(person).GetAsync("/api/me/contributions").Expect(HttpStatusCode.OK)).Json();

    /// <summary>The ids of a JSON array of objects, by the given member.</summary>
    public static List<Guid> Ids(JsonElement array, string member) => [.. array.EnumerateArray().Select(e => e.GetProperty(member).GetGuid())];
}
