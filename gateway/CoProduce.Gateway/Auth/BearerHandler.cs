using System.Text.Encodings.Web;
using CoProduce.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CoProduce.Gateway.Auth;

/// <summary>Authenticates "Authorization: Bearer &lt;jwt&gt;" with <see cref="TokenService"/>.</summary>
internal sealed class BearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenService tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        string token;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = header["Bearer ".Length..].Trim();
        }
        else if (Request.Path.StartsWithSegments(HubPaths.Project) && Request.Query[HubPaths.AccessTokenQuery] is { Count: 1 } query)
        {
            // Browsers cannot set headers on a WebSocket request, so the hub (only) takes the token from the query.
            token = query.ToString();
        }
        else
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var (principal, failure) = tokens.Validate(token);
        return Task.FromResult(principal is null
            ? AuthenticateResult.Fail(failure ?? "The token is not valid.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }
}
