using CoProduce.Grains.Common;
using CoProduce.Grains.Organisations;

namespace CoProduce.Gateway.Auth;

/// <summary>
/// An organisation's own identity provider, for its admins: which person a subject of the provider is, so the admin can
/// give that person staff roles (until then the provider's tokens for them are refused).
/// </summary>
public static class IdentityProviderApi
{
    public static RouteGroupBuilder MapIdentityProviders(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/organisations/{organisationId:guid}/identity-provider").WithTags("Organisations").RequireAuthorization();

        // The caller's own admin role, never through acting with someone: admin roles are not shared that way.
        group.MapGet("/people", async (Guid organisationId, string? subject, HttpContext context, IGrainFactory grains, BearerTrust trust) =>
            {
                var roles = await grains.GetGrain<IOrganisationGrain>(organisationId).RolesOf(context.User.PersonId());
                if (!roles.Contains(OrganisationRole.Admin) || trust.ProviderFor(organisationId) is not { } provider)
                {
                    throw DomainException.NotFound("The organisation's identity provider");
                }

                if (string.IsNullOrWhiteSpace(subject) || subject.Length > OrganisationIdentityProvider.MaxSubjectLength)
                {
                    throw DomainException.Invalid("subject", $"subject must be 1 to {OrganisationIdentityProvider.MaxSubjectLength} characters.");
                }

                return TypedResults.Ok(new IdentityProviderPerson(provider.Issuer, subject, provider.PersonId(subject)));
            })
            .WithSummary("The person a subject (sub) of the organisation's identity provider signs in as (admins of the organisation only).")
            .WithDescription("Give that person staff roles (PUT /api/organisations/{id}/members/{personId}); the provider's tokens are refused "
                + "for anyone without a role here. 404 when you are not an admin here or the organisation has no provider configured.");

        return group;
    }
}

/// <summary>The person a provider's subject is.</summary>
public sealed record IdentityProviderPerson(string Issuer, string Subject, Guid PersonId);
