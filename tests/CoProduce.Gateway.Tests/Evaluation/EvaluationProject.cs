using System.Net;
using System.Text.Json;
using CoProduce.Gateway.Tests.Agenda;
using CoProduce.Journal.Events;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Evaluation;

/// <summary>The agenda tests' project (everyone in every position) with helpers to call the measures and surveys APIs.</summary>
public sealed class EvaluationProject(GatewayApplication app, AgendaProject project)
{
    public AgendaProject People => project;

    public string Measures => $"/api/projects/{project.ProjectId}/evaluation/measures";

    public string Agree => $"/api/projects/{project.ProjectId}/evaluation/agree";

    public string Surveys => $"/api/projects/{project.ProjectId}/surveys";

    public static async Task<EvaluationProject> Create(GatewayApplication app) => new(app, await AgendaProject.Create(app));

    public HttpClient As(Guid person) => project.As(person);

    public static Guid Id(JsonElement element) => element.GetProperty("id").GetGuid();

    public static object MeasureBody(string name = "Calls answered at night") =>
        new { name, whatItMeasures = "Whether people get through after 10pm", howCollected = "A call diary kept by contributors" };

    public async Task<JsonElement> Propose(Guid person, string name = "Calls answered at night") =>
        await (await As(person).PostJson(Measures, MeasureBody(name)).Expect(HttpStatusCode.Created)).Json();

    public Task<HttpResponseMessage> Endorse(Guid person, JsonElement measure, bool endorses, string? comment = null) =>
        As(person).PostJson($"{Measures}/{Id(measure)}/endorsement", new { endorses, comment });

    /// <summary>The measures exactly as stored, to show that a refused request changed nothing.</summary>
    public async Task<string> MeasuresSnapshot()
    {
        var response = await As(project.Facilitator).GetAsync(Measures).Expect(HttpStatusCode.OK);
        return $"{response.Headers.ETag} {await response.Content.ReadAsStringAsync()}";
    }

    /// <summary>A survey with a 1-5 scale (required), a single choice of three, a multiple choice of three and free text.</summary>
    public static Dictionary<string, object?> SurveyBody(bool anonymous = false) => new()
    {
        ["title"] = "Night-time support this month",
        ["anonymous"] = anonymous,
        ["questions"] = new object[]
        {
            new { text = "How easy was it to get help?", kind = "Scale", required = true, scaleMax = 5, scaleLabels = new[] { "Very hard", "Hard", "OK", "Easy", "Very easy" } },
            new { text = "Who answered?", kind = "SingleChoice", required = false, options = new[] { "A carer", "A nurse", "Nobody" } },
            new { text = "What helped?", kind = "MultipleChoice", options = new[] { "Phone", "Visit", "Leaflet" } },
            new { text = "Anything else?", kind = "FreeText" },
        },
    };

    public async Task<JsonElement> CreateSurvey(bool anonymous = false) =>
        await (await As(project.Facilitator).PostJson(Surveys, SurveyBody(anonymous)).Expect(HttpStatusCode.Created)).Json();

    public static Guid Question(JsonElement survey, int index) => survey.GetProperty("questions")[index].GetProperty("id").GetGuid();

    public static Guid Option(JsonElement survey, int question, int option) =>
        survey.GetProperty("questions")[question].GetProperty("options")[option].GetProperty("id").GetGuid();

    public Task<HttpResponseMessage> Respond(JsonElement survey, Guid person, params object[] answers) =>
        As(person).PutJson($"{Surveys}/{Id(survey)}/response", new { answers });

    public async Task<JsonElement> ReadSurvey(JsonElement survey, Guid? person = null) =>
        await (await As(person ?? project.Facilitator).GetAsync($"{Surveys}/{Id(survey)}").Expect(HttpStatusCode.OK)).Json();

    /// <summary>The survey exactly as stored, to show that a refused request changed nothing.</summary>
    public async Task<string> SurveySnapshot(JsonElement survey)
    {
        var response = await As(project.Facilitator).GetAsync($"{Surveys}/{Id(survey)}").Expect(HttpStatusCode.OK);
        return $"{response.Headers.ETag} {await response.Content.ReadAsStringAsync()}";
    }

    public Task<HttpResponseMessage> Close(JsonElement survey) => As(project.Facilitator).PostAsync($"{Surveys}/{Id(survey)}/close", null);

    /// <summary>A grain's journal, oldest first.</summary>
    public async Task<IReadOnlyList<GrainEvent>> Journal(string grainType, Guid key) =>
        await app.Services.GetRequiredService<IGrainEventStream>().ReadAsync(new JournalId(grainType, key.ToString("D")), afterSequence: 0, limit: 1000);
}
