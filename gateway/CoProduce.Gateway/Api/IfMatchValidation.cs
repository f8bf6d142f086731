using Microsoft.Net.Http.Headers;

namespace CoProduce.Gateway.Api;

/// <summary>
/// Refuses a malformed If-Match on every request, whether or not the endpoint uses it: a client that
/// sends a precondition the server cannot read must not have its request applied unconditionally.
/// </summary>
internal static class IfMatchValidation
{
    public static IApplicationBuilder UseIfMatchValidation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var values = context.Request.Headers.IfMatch;
        if (values.Count == 0 || (values.Count == 1 && values[0] == "*") || EntityTagHeaderValue.TryParseStrictList(values, out _))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                ["If-Match"] = ["If-Match must hold entity tags this API gave out, such as \"3\"."],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Some fields are not valid.",
                Detail = "If-Match must hold entity tags this API gave out, such as \"3\".",
            },
        });
    });
}
