using CoProduce.Grains.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Authorization;

namespace CoProduce.Gateway.Jobs;

/// <summary>
/// Hangfire's dashboard at <c>/jobs</c>, where a failed payout run is seen and requeued, for the platform's operators
/// only (<c>CoProduce:Jobs:Operators</c>): signed in with the product's own bearer token (401 without one), and
/// answered as if it did not exist (404) to anyone else, as the API answers what the caller's role does not let them see.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/jobs";
    public const string Policy = "jobs-operators";

    /// <summary>Scripts and styles from the dashboard itself; still no frames, plugins or outside resources.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static WebApplicationBuilder AddJobsDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IAuthorizationHandler, OperatorHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, NotFoundForNonOperators>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new OperatorRequirement()));
        return builder;
    }

    public static IEndpointConventionBuilder MapJobsDashboard(this IEndpointRouteBuilder app) =>
        app.MapHangfireDashboardWithAuthorizationPolicy(Policy, Path, new DashboardOptions
        {
            AppPath = null,
            DashboardTitle = "CoProduce jobs",
            // Requests carry a bearer header, never a cookie, so a page elsewhere cannot forge one.
            IgnoreAntiforgeryToken = true,
        }).WithMetadata(new JobsDashboardMarker());

    internal sealed record OperatorRequirement : IAuthorizationRequirement;

    internal sealed record JobsDashboardMarker;

    private sealed class OperatorHandler(JobsOptions options) : AuthorizationHandler<OperatorRequirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperatorRequirement requirement)
        {
            if (context.User.Identity?.IsAuthenticated == true
                && Guid.TryParse(context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var person)
                && options.Operators.Contains(person))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>A signed-in person who is not an operator is told the dashboard does not exist (404), not that it is refused.</summary>
    private sealed class NotFoundForNonOperators : IAuthorizationMiddlewareResultHandler
    {
        private readonly Microsoft.AspNetCore.Authorization.Policy.AuthorizationMiddlewareResultHandler _default = new();

        public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, Microsoft.AspNetCore.Authorization.Policy.PolicyAuthorizationResult authorizeResult)
        {
            if (authorizeResult.Forbidden && context.GetEndpoint()?.Metadata.GetMetadata<JobsDashboardMarker>() is not null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
