namespace CoProduce.Gateway.Api;

/// <summary>
/// Headers every answer carries, set once here so no endpoint can forget them: browsers must not guess a
/// type (nosniff), must run no script and load nothing from anywhere in what the API returns (the HTML
/// statement and certificate keep their inline style only), and nothing under /api is kept by a browser or a
/// shared cache, because answers there depend on who asks (profiles, claims, statements, payments).
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>No scripts, frames, forms, plugins or outside resources; inline style only, for the HTML pages.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            // The jobs dashboard (operators only) runs its own scripts and styles, from itself.
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(Jobs.JobsDashboard.Path)
                ? Jobs.JobsDashboard.ContentSecurityPolicy
                : ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
            if (context.Request.Path.StartsWithSegments("/api") && string.IsNullOrEmpty(headers.CacheControl))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    });
}
