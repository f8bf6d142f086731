using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CoProduce.Live;

namespace CoProduce.Client.Http;

/// <summary>
/// Typed calls to the CoProduce HTTP API for what a live client does besides the hub: agenda items and
/// decisions. Every call sends the bearer token; a refusal throws <see cref="CoProduceApiException"/>.
/// </summary>
public sealed class CoProduceHttpClient(HttpClient http, Func<CancellationToken, ValueTask<string>> accessToken)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Task<LiveAgendaItem> ProposeItemAsync(Guid projectId, string title, string? description = null, CancellationToken cancellationToken = default) =>
        SendAsync<LiveAgendaItem>(HttpMethod.Post, $"/api/projects/{projectId}/agenda/items", new { title, description }, null, cancellationToken);

    /// <summary>Edits an item if it is still at <paramref name="version"/> (If-Match); 412 if someone changed it first.</summary>
    public Task<LiveAgendaItem> EditItemAsync(Guid projectId, Guid itemId, string title, string? description, long version, CancellationToken cancellationToken = default) =>
        SendAsync<LiveAgendaItem>(HttpMethod.Put, $"/api/projects/{projectId}/agenda/items/{itemId}", new { title, description }, version, cancellationToken);

    public Task<DecisionInfo> CreateDecisionAsync(Guid projectId, DecisionDraft draft, CancellationToken cancellationToken = default) =>
        SendAsync<DecisionInfo>(HttpMethod.Post, $"/api/projects/{projectId}/decisions", draft, null, cancellationToken);

    public Task<DecisionInfo> GetDecisionAsync(Guid projectId, Guid decisionId, CancellationToken cancellationToken = default) =>
        SendAsync<DecisionInfo>(HttpMethod.Get, $"/api/projects/{projectId}/decisions/{decisionId}", null, null, cancellationToken);

    public Task VoteAsync(Guid projectId, Guid decisionId, LiveBallot ballot, CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement>(HttpMethod.Put, $"/api/projects/{projectId}/decisions/{decisionId}/ballot", ballot, null, cancellationToken);

    public Task<DecisionInfo> CloseDecisionAsync(Guid projectId, Guid decisionId, CancellationToken cancellationToken = default) =>
        SendAsync<DecisionInfo>(HttpMethod.Post, $"/api/projects/{projectId}/decisions/{decisionId}/close", null, null, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, long? ifMatch, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await accessToken(cancellationToken));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        if (ifMatch is { } version)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var problem = response.Content.Headers.ContentLength == 0
                ? default
                : await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
            throw new CoProduceApiException(
                response.StatusCode,
                problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("title", out var title) ? title.GetString() : null,
                problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null);
        }

        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }
}
