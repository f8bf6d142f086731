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
    TokenService tokens,
    TokenRevocation revocation) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
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
            return AuthenticateResult.NoResult();
        }

        var (principal, failure) = tokens.Validate(token);
        if (principal is null)
        {
            return AuthenticateResult.Fail(failure ?? "The token is not valid.");
        }

        return await revocation.IsRevokedAsync(principal)
            ? AuthenticateResult.Fail("The token was revoked.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }
}
