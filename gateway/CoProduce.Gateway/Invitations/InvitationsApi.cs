using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Common;
using CoProduce.Grains.Invitations;
using CoProduce.Grains.Projects;

namespace CoProduce.Gateway.Invitations;

/// <summary>
/// Invitations to a project: how contributors join without a password. Facilitators issue, list and
/// revoke them; anyone holding a code redeems it once for a sign-in token.
/// </summary>
public static class InvitationsApi
{
    private const int DefaultDays = 14;
    private const int MaxDays = 90;
    private const string ManageRefusal = "Only the project's facilitators can manage invitations.";

    public static RouteGroupBuilder MapInvitations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects/{projectId:guid}/invitations").WithTags("Invitations").RequireAuthorization();

        // No Idempotency-Key here on purpose: the kept response would hold the code itself, and only its
        // hash may be stored. A retry that lost its answer simply issues another invitation.
        group.MapPost("/", async (Guid projectId, IssueInvitation request, HttpContext context, IGrainFactory grains, TimeProvider time, IConfiguration configuration, Caller caller) =>
            {
                var days = request.ExpiresInDays ?? DefaultDays;
                if (days is < 1 or > MaxDays)
                {
                    throw DomainException.Invalid("expiresInDays", $"expiresInDays must be between 1 and {MaxDays}.");
                }

                var code = InvitationCodes.New();
                var id = InvitationCodes.IdOf(code);
                var issued = await grains.GetGrain<IInvitationGrain>(id)
                    .Issue(caller.Actor, projectId, request.Role, request.InviteeName, time.GetUtcNow().AddDays(days));
                context.Response.Headers.CacheControl = "no-store";
                return TypedResults.Created(
                    $"/api/projects/{projectId}/invitations/{id}",
                    new IssuedInvitation(id, code, Link(configuration, code), issued.ExpiresAt, issued.Role));
            })
            .WithSummary("Invite someone to the project (facilitators). The code and link are shown once: only a hash of the code is kept.")
            .WithDescription("role: Contributor, Facilitator or Observer; expiresInDays 1-90, default 14.");

        group.MapGet("/", async (Guid projectId, int? offset, int? limit, IGrainFactory grains, Caller caller) =>
            {
                var page = PageRequest.From(offset, limit);
                var project = grains.GetGrain<IProjectGrain>(projectId);
                await project.EnsureCanFacilitate(caller.Actor, ManageRefusal);
                var ids = page.Apply(await project.Invitations());
                var items = new List<InvitationView>(ids.Items.Count);
                foreach (var id in ids.Items)
                {
                    if (await grains.GetGrain<IInvitationGrain>(id).Peek() is { } view)
                    {
                        items.Add(view);
                    }
                }

                return TypedResults.Ok(new Page<InvitationView>(items, ids.Offset, ids.Limit, ids.Total));
            })
            .WithSummary("The project's invitations and what became of each, a page at a time (facilitators). Codes are never shown again.");

        group.MapGet("/{invitationId}", async (Guid projectId, string invitationId, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await Find(grains, projectId, invitationId, caller.Actor)))
            .WithSummary("One invitation and what became of it (facilitators).");

        group.MapDelete("/{invitationId}", async (Guid projectId, string invitationId, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                await Find(grains, projectId, invitationId, actor);
                return TypedResults.Ok(await grains.GetGrain<IInvitationGrain>(invitationId).Revoke(actor));
            })
            .WithSummary("Revoke an invitation that has not been used (facilitators); a used one is 409.");

        app.MapGroup("/api/invitations").WithTags("Invitations")
            .MapPost("/redeem", async (RedeemInvitation request, HttpContext context, IGrainFactory grains, TokenService tokens, TimeProvider time) =>
            {
                var code = request.Code.Trim();
                if (code.Length is 0 or > InvitationCodes.MaxLength)
                {
                    throw DomainException.Invalid("code", $"code must be 1 to {InvitationCodes.MaxLength} characters.");
                }

                // Signed in already: join as that person, so nobody ends up with two identities.
                Guid? signedIn = context.User.Identity?.IsAuthenticated == true ? context.User.PersonId() : null;
                var redemption = await grains.GetGrain<IInvitationGrain>(InvitationCodes.IdOf(code)).Redeem(signedIn);
                context.Response.Headers.CacheControl = "no-store";
                var token = tokens.Issue(redemption.PersonId, ExpiryOf(context, time.GetUtcNow() + tokens.Options.InvitationTokenLifetime));
                return TypedResults.Ok(new RedeemedInvitation(token, redemption.PersonId, redemption.ProjectId, redemption.Role));
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.RedeemPolicy)
            .WithSummary("Redeem an invitation code (no sign-in needed): join the project and get a token.")
            .WithDescription("Unknown codes are 404. A code that was already used, revoked or has expired is 409, saying which. "
                + "With a valid bearer token the signed-in person joins; otherwise a new person is made. "
                + "Redeeming while signed in never extends sign-in: the token returned expires when the one sent does. "
                + "Redeems are limited per client address (429 with Retry-After).");

        return group;
    }

    /// <summary>
    /// A new token lasts the invitation lifetime, but one given to someone already signed in expires no later
    /// than the token they sent: otherwise redeeming the same code again (a second click is allowed) would
    /// renew a contributor's sign-in for ever with one code.
    /// </summary>
    private static DateTimeOffset ExpiryOf(HttpContext context, DateTimeOffset fresh) =>
        long.TryParse(context.User.FindFirst(TokenService.ExpiresClaim)?.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
        && DateTimeOffset.FromUnixTimeSeconds(seconds) is var current && current < fresh
            ? current
            : fresh;

    /// <summary>The project's invitation with this id; 404 unless it is one of this project's and the actor facilitates it.</summary>
    private static async Task<InvitationView> Find(IGrainFactory grains, Guid projectId, string invitationId, Actor actor)
    {
        await grains.EnsureCanFacilitate(actor, projectId, ManageRefusal);
        return InvitationCodes.IsId(invitationId)
            && await grains.GetGrain<IInvitationGrain>(invitationId).Peek() is { } view
            && view.ProjectId == projectId
                ? view
                : throw DomainException.NotFound("The invitation");
    }

    /// <summary>
    /// The link to send. The code goes in the fragment, which browsers never send to a server, so it
    /// stays out of access logs; the page at /join reads it and redeems. The base is CoProduce:Invitations:LinkBase,
    /// never the request's Host header (which whoever sends the request chooses, and could point the code at
    /// their own site); without the setting, the local address of a development or embedded install. In Production
    /// the setting is required: start-up refuses without it (<see cref="InvitationLinkSetup"/>).
    /// </summary>
    public const string LinkBaseSetting = "CoProduce:Invitations:LinkBase";

    /// <summary>Where the gateway listens when run locally (launchSettings, README); LinkBase is required in Production.</summary>
    public const string DefaultLinkBase = "http://localhost:5080";

    private static string Link(IConfiguration configuration, string code)
    {
        var linkBase = configuration[LinkBaseSetting] is { Length: > 0 } configured ? configured.TrimEnd('/') : DefaultLinkBase;
        return $"{linkBase}/join#code={code}";
    }
}

/// <summary>An invitation to issue.</summary>
/// <param name="Role">Contributor, Facilitator or Observer.</param>
/// <param name="InviteeName">The name the person will first appear under; they can change it.</param>
/// <param name="ExpiresInDays">Days until the invitation lapses: 1 to 90, default 14.</param>
[ApiExample("""{"role":"Contributor","inviteeName":"Amira","expiresInDays":14}""")]
public sealed record IssueInvitation(ProjectRole Role, string? InviteeName = null, int? ExpiresInDays = null);

/// <summary>An invitation just issued: the only time its code is shown.</summary>
public sealed record IssuedInvitation(string Id, string Code, string Link, DateTimeOffset ExpiresAt, ProjectRole Role);

/// <summary>A code to redeem.</summary>
[ApiExample("""{"code":"Ym0zcA1GOHC-C2Lc5v-J2MpCJ-ZkrqZd"}""")]
public sealed record RedeemInvitation(string Code);

/// <summary>What redeeming gives: a token for the person who joined, and where they joined.</summary>
public sealed record RedeemedInvitation(string Token, Guid PersonId, Guid ProjectId, ProjectRole Role);
