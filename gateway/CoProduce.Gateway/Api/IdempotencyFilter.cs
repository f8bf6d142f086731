using System.Security.Cryptography;
using System.Text.Json;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Common;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CoProduce.Gateway.Api;

/// <summary>
/// Makes a create safe to retry: with an <c>Idempotency-Key</c> header, the first request runs and its
/// response is kept; a retry with the same key and body gets that response again; the same key with a
/// different body is refused (422), and a retry while the first is still running gets 409. An attempt
/// whose node died mid-request holds its key only for <see cref="IIdempotencyGrain.Lease"/>.
/// </summary>
internal sealed class IdempotencyFilter : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    private const int MaxKeyLength = 128;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return await next(context);
        }

        if (key.Length > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            throw DomainException.Invalid(Header, $"{Header} must be 1 to {MaxKeyLength} visible ASCII characters.");
        }

        // The key belongs to the signed-in person and the person they act for: a supporter's key used with one
        // contributor never answers a request made with another (or for themselves).
        var actingWith = http.Request.Headers[ActorResolver.ActingWithHeader].ToString().Trim();
        var actingFor = Guid.TryParse(actingWith, out var person) ? person.ToString("N") : actingWith;
        var scope = $"{http.User.PersonId():N}|{actingFor}|{http.Request.Method} {http.Request.Path}|{key}";
        var grain = http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IIdempotencyGrain>(scope);
        var decision = await grain.Begin(Hash(context.Arguments));
        switch (decision.Outcome)
        {
            case IdempotencyOutcome.Replay:
                return new StoredResult(decision.Response!);
            case IdempotencyOutcome.InProgress:
                throw DomainException.Conflict($"A request with this {Header} is still being handled; retry shortly.");
            case IdempotencyOutcome.Mismatch:
                throw new DomainException(DomainErrorKind.Invalid, $"This {Header} was already used for a different request.",
                    new Dictionary<string, string[]> { [Header] = ["Already used for a different request."] });
        }

        try
        {
            var result = await next(context);
            var stored = Capture(http, result);
            if (stored.Status < 500)
            {
                await grain.Complete(decision.Attempt, stored);
            }
            else
            {
                await grain.Abandon(decision.Attempt);
            }

            return new StoredResult(stored);
        }
        catch
        {
            await grain.Abandon(decision.Attempt);
            throw;
        }
    }

    /// <summary>What the endpoint answered, as it will be sent now and again on a retry.</summary>
    private static StoredResponse Capture(HttpContext http, object? result)
    {
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        var value = result is IResult ? (result as IValueHttpResult)?.Value : result;
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var location = result?.GetType().GetProperty("Location")?.GetValue(result) as string;
        return new StoredResponse(
            status,
            value is null ? null : "application/json; charset=utf-8",
            value is null ? "" : JsonSerializer.Serialize(value, value.GetType(), json),
            location,
            http.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null);
    }

    private static string Hash(IList<object?> arguments)
    {
        var bound = arguments.Where(a => a is not (HttpContext or HttpRequest or CancellationToken or IGrainFactory));
        return Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(bound.ToList())));
    }

    /// <summary>Writes a kept response.</summary>
    private sealed class StoredResult(StoredResponse response) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = response.Status;
            if (response.ContentType is not null)
            {
                httpContext.Response.ContentType = response.ContentType;
            }
            if (response.Location is not null)
            {
                httpContext.Response.Headers.Location = response.Location;
            }

            if (response.ETag is not null)
            {
                httpContext.Response.Headers.ETag = response.ETag;
            }

            await httpContext.Response.WriteAsync(response.Body);
        }
    }
}

/// <summary>Applies the Idempotency-Key convention to an endpoint.</summary>
public static class IdempotencyExtensions
{
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder) => builder.AddEndpointFilter<IdempotencyFilter>();
}
