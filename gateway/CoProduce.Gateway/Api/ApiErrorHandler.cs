using System.Text.Json;
using CoProduce.Grains.Common;
using CoProduce.Journal.Storage;
using Orleans.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CoProduce.Gateway.Api;

/// <summary>
/// Turns refusals into RFC 9457 problem details: domain refusals by kind, unreadable requests as 400, and
/// an unreachable, full or read-only database, a write that lost a race, or a silo that stopped answering as 503 with Retry-After.
/// Anything else stays a 500 for the default handler, because it is a bug, not bad input.
/// </summary>
internal sealed class ApiErrorHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>A database restart or a node failing over takes seconds; clients wait this long before retrying.</summary>
    private const string RetryAfterSeconds = "1";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainException domain => FromDomain(domain),
            BadHttpRequestException bad => Problem(bad.StatusCode, "The request could not be read.", ReadableCause(bad)),
            JsonException json => Problem(StatusCodes.Status400BadRequest, "The request body is not valid JSON for this endpoint.", json.Message),
            InconsistentStateException => Problem(StatusCodes.Status503ServiceUnavailable, "Busy: please try again.",
                "Another node changed this at the same moment; nothing was changed by this request, so it is safe to send again."),
            // A silo died and the cluster has not yet declared it dead, or a grain call timed out: the call may or may not
            // have run, and a moment later it reaches a live silo.
            OrleansMessageRejectionException or TimeoutException => Problem(StatusCodes.Status503ServiceUnavailable, "A node of the cluster is not answering just now.",
                "The cluster is moving work off a node that stopped. The request may not have been carried out: send it again (with the same Idempotency-Key for a create)."),
            _ when StorageFailures.IsFullOrReadOnly(exception) => StorageCannotWrite(httpContext),
            _ when StorageFailures.IsTransient(exception) => Problem(StatusCodes.Status503ServiceUnavailable, "The database cannot be reached just now.",
                "Storage is unavailable or restarting. The request may not have been carried out: send it again (with the same Idempotency-Key for a create)."),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>Full or read-only storage: readiness reports it too (<see cref="Health.StorageWriteHealth"/>), so traffic goes elsewhere.</summary>
    private static ProblemDetails StorageCannotWrite(HttpContext context)
    {
        context.RequestServices.GetService<Health.StorageWriteHealth>()?.Failed();
        return Problem(StatusCodes.Status503ServiceUnavailable, "Storage cannot take changes just now.",
            "The database or its disk is full or read-only. Nothing was changed by this request: send it again later (with the same Idempotency-Key for a create).");
    }

    private static ProblemDetails FromDomain(DomainException domain)
    {
        var status = domain.Kind switch
        {
            DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
            DomainErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            DomainErrorKind.Conflict => StatusCodes.Status409Conflict,
            DomainErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
            _ => StatusCodes.Status400BadRequest,
        };
        if (domain.Errors.Count > 0)
        {
            return new ValidationProblemDetails(domain.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = status,
                Title = "Some fields are not valid.",
                Detail = domain.Message,
            };
        }

        return Problem(status, Title(domain.Kind), domain.Message);
    }

    private static string Title(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.NotFound => "Not found.",
        DomainErrorKind.Forbidden => "Your role does not allow this.",
        DomainErrorKind.Conflict => "This cannot be done now.",
        DomainErrorKind.PreconditionFailed => "Someone else changed this first.",
        _ => "The request is not valid.",
    };

    /// <summary>Binding failures wrap the JSON error that says what was wrong; show that, not the wrapper.</summary>
    private static string ReadableCause(BadHttpRequestException bad) =>
        bad.InnerException is JsonException json ? json.Message : bad.Message;

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
