using System.Net;
using System.Text.Json;
using CoProduce.Gateway.Tests.Agenda;

namespace CoProduce.Gateway.Tests.Representation;

/// <summary>The agenda tests' project with helpers to give diversity data and read representation.</summary>
public sealed class RepresentationProject(AgendaProject people)
{
    public AgendaProject People => people;

    public string Url => $"/api/projects/{people.ProjectId}/representation";

    public static async Task<RepresentationProject> Create(GatewayApplication app) => new(await AgendaProject.Create(app));

    public HttpClient As(Guid person) => people.As(person);

    public Task<HttpResponseMessage> Give(Guid person, params (string Characteristic, string Value)[] answers) =>
        As(person).PutJson("/api/me/diversity", new { consent = true, answers = answers.Select(a => new { characteristic = a.Characteristic, value = a.Value }) });

    public async Task<JsonElement> View(Guid? person = null) =>
        await (await As(person ?? people.Facilitator).GetAsync(Url).Expect(HttpStatusCode.OK)).Json();

    /// <summary>The shown cells of one characteristic, as label and count.</summary>
    public static List<(string Label, int Count)> Cells(JsonElement view, string characteristic) =>
        [.. view.GetProperty("summary").GetProperty("aggregates").EnumerateArray()
            .Single(a => a.GetProperty("characteristic").GetString() == characteristic)
            .GetProperty("cells").EnumerateArray()
            .Select(c => (c.GetProperty("label").GetString()!, c.GetProperty("count").GetInt32()))];

    public static bool Suppressed(JsonElement view, string characteristic) =>
        view.GetProperty("summary").GetProperty("aggregates").EnumerateArray()
            .Single(a => a.GetProperty("characteristic").GetString() == characteristic)
            .GetProperty("suppressed").GetBoolean();
}
