using CoProduce.Gateway.Auth;
using CoProduce.Grains.Common;
using CoProduce.Grains.Networks;
using CoProduce.Grains.Organisations;
using CoProduce.Grains.People;

namespace CoProduce.Gateway.People;

/// <summary>
/// A person's profile as an organisation or network sees it: only its staff or coordinators, and only
/// while the person consents to it. Every refusal is 404, so nobody learns whether the person exists
/// or what they chose.
/// </summary>
internal static class SharedProfilesApi
{
    public static void MapSharedProfiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/organisations/{organisationId:guid}/people/{personId:guid}",
                async (Guid organisationId, Guid personId, IGrainFactory grains, Caller caller) =>
                {
                    var actor = caller.Actor;
                    if ((await grains.GetGrain<IOrganisationGrain>(organisationId).RolesOf(actor)).Count == 0)
                    {
                        throw DomainException.NotFound("The person's profile");
                    }

                    var scope = new ConsentScope(ConsentScopeKind.Organisation, organisationId);
                    return TypedResults.Ok(new SharedProfile(personId, await grains.GetGrain<IPersonGrain>(personId).GetShared(scope)));
                })
            .WithTags("People")
            .RequireAuthorization()
            .WithSummary("A person's profile, for the organisation's staff, while the person consents to the organisation.");

        app.MapGet("/api/networks/{networkId:guid}/people/{personId:guid}",
                async (Guid networkId, Guid personId, IGrainFactory grains, Caller caller) =>
                {
                    var actor = caller.Actor;
                    if (!await grains.GetGrain<INetworkGrain>(networkId).IsCoordinator(actor))
                    {
                        throw DomainException.NotFound("The person's profile");
                    }

                    var scope = new ConsentScope(ConsentScopeKind.Network, networkId);
                    return TypedResults.Ok(new SharedProfile(personId, await grains.GetGrain<IPersonGrain>(personId).GetShared(scope)));
                })
            .WithTags("People")
            .RequireAuthorization()
            .WithSummary("A person's profile, for the network's coordinators, while the person consents to the network.");
    }
}

/// <summary>A person's profile as shared with an organisation or network.</summary>
public sealed record SharedProfile(Guid PersonId, PersonProfile Profile);
