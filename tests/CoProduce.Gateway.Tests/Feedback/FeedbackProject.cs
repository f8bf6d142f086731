using System.Net;
using System.Text.Json;
using CoProduce.Gateway.Tests.Agenda;
using CoProduce.Gateway.Tests.Decisions;

namespace CoProduce.Gateway.Tests.Feedback;

/// <summary>The decisions tests' project with helpers to close decisions and call the feedback API.</summary>
public sealed class FeedbackProject(DecisionProject decisions)
{
    public DecisionProject Decisions => decisions;

    public AgendaProject People => decisions.People;

    public string Url => $"/api/projects/{People.ProjectId}/feedback";

    public static async Task<FeedbackProject> Create(GatewayApplication app) => new(await DecisionProject.Create(app));

    public HttpClient As(Guid person) => People.As(person);

    /// <summary>A consent decision on which <paramref name="voters"/> agreed, closed by the facilitator.</summary>
    public async Task<JsonElement> ClosedDecision(bool anonymous = false, params Guid[] voters)
    {
        var decision = await decisions.Decide("Consent", extra: new { anonymous });
        foreach (var voter in voters)
        {
            await decisions.Vote(decision, voter, new { position = "Agree" }).Expect(HttpStatusCode.OK);
        }

        await decisions.Close(decision).Expect(HttpStatusCode.OK);
        return decision;
    }

    public Task<HttpResponseMessage> Draft(JsonElement decision, Guid? by = null, Guid[]? actions = null) =>
        As(by ?? People.Facilitator).PostJson(Url, new
        {
            decisionId = DecisionProject.Id(decision),
            summary = "You said nobody answers after 10pm.",
            done = "Two more call handlers until midnight.",
            notDone = "Not all night: the budget is fixed until April.",
            actionIds = actions ?? [],
        });

    public async Task<Guid> Published(JsonElement decision)
    {
        var id = Id(await (await Draft(decision).Expect(HttpStatusCode.Created)).Json());
        await Publish(id).Expect(HttpStatusCode.OK);
        return id;
    }

    public Task<HttpResponseMessage> Publish(Guid id, Guid? by = null) => As(by ?? People.Facilitator).PostAsync($"{Url}/{id}/publish", null);

    public Task<HttpResponseMessage> Respond(Guid id, Guid person, bool signOff, string? comment = null) =>
        As(person).PostJson($"{Url}/{id}/response", new { signOff, comment });

    public async Task<JsonElement> List(Guid? person = null) =>
        await (await As(person ?? People.Facilitator).GetAsync(Url).Expect(HttpStatusCode.OK)).Json();

    public async Task<string> Snapshot(Guid id)
    {
        var response = await As(People.Facilitator).GetAsync($"{Url}/{id}").Expect(HttpStatusCode.OK);
        return $"{response.Headers.ETag} {await response.Content.ReadAsStringAsync()}";
    }

    public static Guid Id(JsonElement entry) => entry.GetProperty("id").GetGuid();

    public static List<Guid> Guids(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetGuid())];
}
