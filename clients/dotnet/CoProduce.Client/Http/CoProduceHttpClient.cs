using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CoProduce.Live;

namespace CoProduce.Client.Http;

/// <summary>
/// Typed calls to the CoProduce HTTP API for what a live client does besides the hub: agenda items and
/// decisions. Every call sends the bearer token; a refusal throws <see cref="CoProduceApiException"/>.
/// A 503 with Retry-After is retried by <paramref name="retries"/> (<see cref="HttpRetryPolicy.Default"/>) when the
/// request is safe to send again: reads, PUTs, and the creates, which carry an Idempotency-Key of their own.
/// </summary>
public sealed class CoProduceHttpClient(HttpClient http, Func<CancellationToken, ValueTask<string>> accessToken, HttpRetryPolicy? retries = null)
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly HttpRetryPolicy _retries = retries ?? HttpRetryPolicy.Default;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Task<LiveAgendaItem> ProposeItemAsync(Guid projectId, string title, string? description = null, CancellationToken cancellationToken = default) =>
        SendAsync<LiveAgendaItem>(HttpMethod.Post, $"/api/projects/{projectId}/agenda/items", new { title, description }, null, cancellationToken, NewIdempotencyKey());

    /// <summary>Edits an item if it is still at <paramref name="version"/> (If-Match); 412 if someone changed it first.</summary>
    public Task<LiveAgendaItem> EditItemAsync(Guid projectId, Guid itemId, string title, string? description, long version, CancellationToken cancellationToken = default) =>
        SendAsync<LiveAgendaItem>(HttpMethod.Put, $"/api/projects/{projectId}/agenda/items/{itemId}", new { title, description }, version, cancellationToken);

    public Task<DecisionInfo> CreateDecisionAsync(Guid projectId, DecisionDraft draft, CancellationToken cancellationToken = default) =>
        SendAsync<DecisionInfo>(HttpMethod.Post, $"/api/projects/{projectId}/decisions", draft, null, cancellationToken, NewIdempotencyKey());

    public Task<DecisionInfo> GetDecisionAsync(Guid projectId, Guid decisionId, CancellationToken cancellationToken = default) =>
        SendAsync<DecisionInfo>(HttpMethod.Get, $"/api/projects/{projectId}/decisions/{decisionId}", null, null, cancellationToken);

    public Task VoteAsync(Guid projectId, Guid decisionId, LiveBallot ballot, CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement>(HttpMethod.Put, $"/api/projects/{projectId}/decisions/{decisionId}/ballot", ballot, null, cancellationToken);

    public Task<DecisionInfo> CloseDecisionAsync(Guid projectId, Guid decisionId, CancellationToken cancellationToken = default) =>
        SendAsync<DecisionInfo>(HttpMethod.Post, $"/api/projects/{projectId}/decisions/{decisionId}/close", null, null, cancellationToken);

    /// <summary>
    /// Sends the request, and sends it again after a 503 with Retry-After while the policy allows and repeating is
    /// safe: not for a POST without <paramref name="idempotencyKey"/>, which might have been carried out already.
    /// </summary>
    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, long? ifMatch, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        var repeatable = method != HttpMethod.Post || idempotencyKey is not null;
        for (var attempt = 0; ; attempt++)
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

            if (idempotencyKey is not null)
            {
                request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
            }

            if (repeatable && attempt < _retries.MaxRetries && RetryDelay(response) is { } wait)
            {
                await Task.Delay(wait < _retries.MaxDelay ? wait : _retries.MaxDelay, cancellationToken);
                continue;
            }

            var problem = response.Content.Headers.ContentLength == 0
                ? default
                : await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
            throw new CoProduceApiException(
                response.StatusCode,
                problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("title", out var title) ? title.GetString() : null,
                problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null);
        }
    }

    /// <summary>How long the API asked to wait before this request is sent again; null unless it is a 503 with Retry-After.</summary>
    private static TimeSpan? RetryDelay(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.ServiceUnavailable || response.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.Zero);
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>One key per create, sent with each of its attempts: the API answers a repeat with the first answer.</summary>
    private static string NewIdempotencyKey() => Guid.NewGuid().ToString("N");
}
