using CoProduce.Live;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CoProduce.Gateway.Auth;

/// <summary>
/// What the JwtBearer handler does beyond checking signature, issuer, audience and dates: takes the hub's token from
/// the query, turns a valid token into the person it names (<see cref="BearerTrust.Principal"/>), and refuses it when
/// it was revoked or, from an organisation's provider, when the person is not (or no longer) staff of that organisation.
/// </summary>
internal sealed class BearerEvents(BearerTrust trust, TokenRevocation revocation, OrganisationStaff staff) : JwtBearerEvents
{
    public override Task MessageReceived(MessageReceivedContext context)
    {
        // Browsers cannot set headers on a WebSocket request, so the hub (only) takes the token from the query.
        var request = context.Request;
        if (string.IsNullOrEmpty(request.Headers.Authorization)
            && request.Path.StartsWithSegments(HubPaths.Project)
            && request.Query[HubPaths.AccessTokenQuery] is { Count: 1 } query)
        {
            context.Token = query.ToString();
        }

        return Task.CompletedTask;
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var (principal, failure) = context.SecurityToken is JsonWebToken token ? trust.Principal(token) : (null, "The token is not a JWT.");
        if (principal is null)
        {
            context.Fail(failure ?? "The token does not name a person.");
            return;
        }

        if (await revocation.IsRevokedAsync(principal))
        {
            context.Fail("The token was revoked.");
            return;
        }

        if (BearerTrust.OrganisationOf(principal) is { } organisation && !await staff.IsStaffAsync(organisation, principal.PersonId()))
        {
            context.Fail("The token's identity provider signs in its organisation's staff only.");
            return;
        }

        context.Principal = principal;
    }
}
