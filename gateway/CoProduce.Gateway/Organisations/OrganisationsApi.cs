using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Organisations;

namespace CoProduce.Gateway.Organisations;

/// <summary>Organisations and their staff roles.</summary>
public static class OrganisationsApi
{
    public static RouteGroupBuilder MapOrganisations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/organisations").WithTags("Organisations").RequireAuthorization();

        group.MapPost("/", async (CreateOrganisation request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                var id = Guid.NewGuid();
                var created = await grains.GetGrain<IOrganisationGrain>(id).Create(actor, request.Name, request.Kind, request.DisplayName);
                context.Response.Headers.ETag = Etags.Format(1);
                return TypedResults.Created($"/api/organisations/{id}", created);
            })
            .WithIdempotency()
            .WithSummary("Create an organisation; you become its first admin.")
            .WithDescription("Kinds: LocalAuthority, NhsTrust, Charity, UserLedOrganisation, Other. Send Idempotency-Key to retry safely.");

        group.MapGet("/{organisationId:guid}", async (Guid organisationId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await grains.GetGrain<IOrganisationGrain>(organisationId).Get(caller.Actor)))
            .WithSummary("An organisation, its staff and roles (staff of the organisation only).");

        group.MapGet("/{organisationId:guid}/members", async (Guid organisationId, int? offset, int? limit, IGrainFactory grains, Caller caller) =>
            {
                var page = PageRequest.From(offset, limit);
                var organisation = await grains.GetGrain<IOrganisationGrain>(organisationId).Get(caller.Actor);
                return TypedResults.Ok(page.Apply(organisation.Value.Members));
            })
            .WithSummary("The organisation's staff, a page at a time.");

        group.MapPut("/{organisationId:guid}/members/{personId:guid}", async (Guid organisationId, Guid personId, SetMemberRoles request, IGrainFactory grains, Caller caller) =>
            {
                var roles = request.Roles.ToHashSet();
                return TypedResults.Ok(await grains.GetGrain<IOrganisationGrain>(organisationId)
                    .SetMember(caller.Actor, personId, request.DisplayName, roles));
            })
            .WithSummary("Give a person staff roles (Admin, Facilitator, Finance); an empty list removes them. Admins only.");

        group.MapGet("/{organisationId:guid}/settings", async (Guid organisationId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await grains.GetGrain<IOrganisationGrain>(organisationId).GetSettings(caller.Actor)))
            .Produces<OrganisationSettings>()
            .WithSummary("The organisation's settings for all its projects, with its ETag (staff of the organisation only).");

        group.MapPut("/{organisationId:guid}/settings", async (Guid organisationId, OrganisationSettingsRequest request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                var expected = Etags.IfMatch(context.Request);
                return Etags.Ok(context, await grains.GetGrain<IOrganisationGrain>(organisationId).SetSettings(actor, request.ToSettings(), expected));
            })
            .Produces<OrganisationSettings>()
            .WithSummary("Replace the organisation's settings. Admins only.")
            .WithDescription("feedbackOverdueAfterDays (1-365, 28 until set): days after a decision closes before its feedback is flagged overdue, in every project of the organisation. If-Match is optional; a stale one is 412.");

        return group;
    }
}

/// <summary>A new organisation.</summary>
/// <param name="Name">The organisation's name, e.g. "Northshire County Council".</param>
/// <param name="Kind">LocalAuthority, NhsTrust, Charity, UserLedOrganisation or Other.</param>
/// <param name="DisplayName">How you appear to its staff.</param>
[ApiExample("""{"name":"Northshire County Council","kind":"LocalAuthority","displayName":"Priya"}""")]
public sealed record CreateOrganisation(string Name, OrganisationKind Kind, string DisplayName);

/// <summary>A person's staff roles at an organisation.</summary>
[ApiExample("""{"displayName":"Sam","roles":["Facilitator"]}""")]
public sealed record SetMemberRoles(string DisplayName, IReadOnlyList<OrganisationRole> Roles);
