using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoProduce.Cluster.Tests;

/// <summary>An answer from a gateway: status, body and the headers the checks need.</summary>
public sealed record Answer(HttpStatusCode Status, string Body, string? ContentType, string? ETag, TimeSpan? RetryAfter)
{
    public bool HasRetryAfter => RetryAfter is not null;

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>503 problem details with Retry-After: what a client may retry.</summary>
    public bool IsRetryable =>
        Status == HttpStatusCode.ServiceUnavailable && HasRetryAfter && ContentType?.StartsWith("application/problem+json", StringComparison.Ordinal) == true;

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public override string ToString() => $"{(int)Status} {Body}";
}

/// <summary>Plain HTTP to the gateways, one pooled client per gateway, with the caller's bearer token.</summary>
public sealed class Api : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly HttpClient[] _clients;

    public Api(IEnumerable<Uri> gateways) =>
        _clients = [.. gateways.Select(address => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(60),
        })];

    public int Gateways => _clients.Length;

    /// <summary>Sends one request (anonymous without <paramref name="token"/>); a connection failure throws HttpRequestException, as it would for any client.</summary>
    public async Task<Answer> SendAsync(int gateway, string? token, HttpMethod method, string path, object? body = null, string? ifMatch = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await _clients[gateway].SendAsync(request);
        return new Answer(
            response.StatusCode,
            await response.Content.ReadAsStringAsync(),
            response.Content.Headers.ContentType?.ToString(),
            response.Headers.ETag?.ToString(),
            response.Headers.RetryAfter is { Delta: { } delta } ? delta : response.Headers.RetryAfter is null ? null : TimeSpan.Zero);
    }

    /// <summary>For set-up and checks outside the faults: the answer must be a success.</summary>
    public async Task<JsonElement> RequireAsync(int gateway, string token, HttpMethod method, string path, object? body = null)
    {
        var answer = await SendAsync(gateway, token, method, path, body);
        return answer.IsSuccess ? answer.Json : throw new InvalidOperationException($"{method} {path} answered {answer}");
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
