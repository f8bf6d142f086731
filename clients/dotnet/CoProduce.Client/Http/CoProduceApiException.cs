using System.Net;

namespace CoProduce.Client.Http;

/// <summary>The API refused a request: its status and the problem details' title and detail (RFC 9457).</summary>
public sealed class CoProduceApiException(HttpStatusCode status, string? title, string? detail)
    : Exception($"{(int)status} {title}: {detail}")
{
    public HttpStatusCode Status { get; } = status;

    public string? Title { get; } = title;

    public string? Detail { get; } = detail;
}
