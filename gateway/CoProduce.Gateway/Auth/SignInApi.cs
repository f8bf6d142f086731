namespace CoProduce.Gateway.Auth;

/// <summary>The signed-in person's own tokens: revoking every one of them at once.</summary>
public static class SignInApi
{
    public static RouteGroupBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me/tokens").WithTags("People").RequireAuthorization();

        // The caller's own tokens, never those of someone they act with: signing a contributor out is theirs to do.
        group.MapPost("/revoke", async (HttpContext context, TokenRevocation revocation) =>
            {
                var personId = context.User.PersonId();
                var cutOff = await revocation.RevokeAsync(personId, personId);
                return TypedResults.Ok(new TokensRevoked(personId, cutOff));
            })
            .WithSummary("Sign out everywhere: every token issued to you until now stops working (this one too), on every node and live connection.")
            .WithDescription("For a lost phone or a token someone else may have seen. Get a new token afterwards (sign in again, or ask for a new invitation).");

        return group;
    }
}

/// <summary>What revoking did: every token of the person issued before <paramref name="RevokedBefore"/> is refused.</summary>
public sealed record TokensRevoked(Guid PersonId, DateTimeOffset RevokedBefore);
