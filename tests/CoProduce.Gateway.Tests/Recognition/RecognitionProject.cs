using System.Net;
using System.Text.Json;
using CoProduce.Gateway.Tests.Agenda;
using CoProduce.Gateway.Tests.Decisions;
using CoProduce.Grains.Common;
using CoProduce.Grains.Evaluation;

namespace CoProduce.Gateway.Tests.Recognition;

/// <summary>The agenda tests' project (everyone in every position) with helpers to call the recognition API.</summary>
public sealed class RecognitionProject(GatewayApplication app, DecisionProject decisions)
{
    public AgendaProject People => decisions.People;

    public DecisionProject Decisions => decisions;

    public Guid ProjectId => People.ProjectId;

    public string Sessions => $"/api/projects/{ProjectId}/recognition/sessions";

    public string Credits => $"/api/projects/{ProjectId}/credits";

    public static async Task<RecognitionProject> Create(GatewayApplication app) => new(app, await DecisionProject.Create(app));

    public HttpClient As(Guid person) => People.As(person);

    public string Certificate(Guid person) => $"/api/projects/{ProjectId}/certificates/{person}";

    public Task<HttpResponseMessage> Consent(Guid person, string name, bool credits = true, bool certificate = true) =>
        As(person).PutJson($"/api/me/recognition/{ProjectId}", new { name, credits, certificate });

    public Task<HttpResponseMessage> Withdraw(Guid person) => As(person).DeleteAsync($"/api/me/recognition/{ProjectId}");

    public Task<HttpResponseMessage> RecordSession(Guid by, string title, decimal hours, params Guid[] attendees) =>
        As(by).PostJson(Sessions, new { title, heldOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), hours, attendees });

    public async Task<JsonElement> Contributions(Guid person) =>
        await (await As(person).GetAsync("/api/me/contributions").Expect(HttpStatusCode.OK)).Json();

    public async Task<List<string>> CreditNames(Guid? person = null)
    {
        var credits = await (await As(person ?? People.Facilitator).GetAsync(Credits).Expect(HttpStatusCode.OK)).Json();
        return [.. credits.GetProperty("credits").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];
    }

    /// <summary>A survey of one free-text question, answered by <paramref name="respondents"/>.</summary>
    public async Task<Guid> AnsweredSurvey(bool anonymous, params Guid[] respondents)
    {
        var id = Guid.NewGuid();
        var survey = Scenario.Grains(app).GetGrain<ISurveyGrain>(id);
        var created = await survey.Create(new Actor(People.Facilitator), ProjectId, new SurveySpec(
            anonymous ? "Anonymous check-in" : "Named check-in", null, anonymous,
            [new QuestionSpec("How was it?", QuestionKind.FreeText, true, null, null, null)], [], []));
        foreach (var person in respondents)
        {
            await survey.Respond(new Actor(person), ProjectId, [new Answer(created.Value.Questions[0].Id, Text: "Good")]);
        }

        return id;
    }
}
