using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Networks;
using CoProduce.Grains.People;

namespace CoProduce.Gateway.Networks;

/// <summary>Regional networks: member organisations, coordinators and the shared pool of contributors.</summary>
public static class NetworksApi
{
    public static RouteGroupBuilder MapNetworks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/networks").WithTags("Networks").RequireAuthorization();

        group.MapPost("/", async (CreateNetwork request, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var id = Guid.NewGuid();
                var created = await grains.GetGrain<INetworkGrain>(id).Create(caller.Actor, request.Name);
                context.Response.Headers.ETag = Etags.Format(1);
                return TypedResults.Created($"/api/networks/{id}", created);
            })
            .WithIdempotency()
            .WithSummary("Create a regional network; you become its first coordinator.")
            .WithDescription("Send Idempotency-Key to retry safely.");

        group.MapGet("/{networkId:guid}", async (Guid networkId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await grains.GetGrain<INetworkGrain>(networkId).Get(caller.Actor)))
            .WithSummary("A network, its organisations, coordinators, pool and projects (its coordinators and member organisations' staff only).");

        group.MapPost("/{networkId:guid}/organisations", async (Guid networkId, AddNetworkOrganisation request, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await grains.GetGrain<INetworkGrain>(networkId).AddOrganisation(caller.Actor, request.OrganisationId)))
            .WithSummary("Bring an organisation into the network (a coordinator who is also an admin of the organisation).");

        group.MapPost("/{networkId:guid}/coordinators", async (Guid networkId, AddNetworkPerson request, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await grains.GetGrain<INetworkGrain>(networkId).AddCoordinator(caller.Actor, request.PersonId)))
            .WithSummary("Add a coordinator (coordinators only).");

        group.MapPost("/{networkId:guid}/pool", async (Guid networkId, AddNetworkPerson request, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await grains.GetGrain<INetworkGrain>(networkId).AddToPool(caller.Actor, request.PersonId)))
            .WithSummary("Add a contributor to the shared pool (coordinators only); the contributor must have consented to the network first (409 otherwise).");

        group.MapGet("/{networkId:guid}/pool", async (Guid networkId, int? offset, int? limit, IGrainFactory grains, Caller caller) =>
            {
                var page = PageRequest.From(offset, limit);
                var network = await grains.GetGrain<INetworkGrain>(networkId).Get(caller.Actor);
                var ids = page.Apply(network.Value.ContributorPool);
                var scope = new ConsentScope(ConsentScopeKind.Network, networkId);
                var members = new List<PoolMember>(ids.Items.Count);
                foreach (var personId in ids.Items)
                {
                    members.Add(await PoolMember.Read(grains.GetGrain<IPersonGrain>(personId), personId, scope));
                }

                return TypedResults.Ok(new Page<PoolMember>(members, ids.Offset, ids.Limit, ids.Total));
            })
            .WithSummary("The shared pool of contributors, a page at a time (whoever may see the network).")
            .WithDescription("A contributor who has since withdrawn consent is listed with consented: false and no name.");

        return group;
    }
}

/// <summary>A new network.</summary>
/// <param name="Name">The network's name, e.g. "Northshire User Network".</param>
[ApiExample("""{"name":"Northshire User Network"}""")]
public sealed record CreateNetwork(string Name);

/// <summary>An organisation to bring into a network.</summary>
[ApiExample("""{"organisationId":"3f1c2d9e-5b7a-4c1e-9a0b-2d4e6f8a1b3c"}""")]
public sealed record AddNetworkOrganisation(Guid OrganisationId);

/// <summary>A person to add to a network as a coordinator or to its pool.</summary>
[ApiExample("""{"personId":"7a9b1c3d-5e7f-4a1b-8c2d-4e6f8a0b2c4d"}""")]
public sealed record AddNetworkPerson(Guid PersonId);

/// <summary>One contributor in a network's pool; the name is shown only while they consent to the network.</summary>
public sealed record PoolMember(Guid PersonId, string? DisplayName, bool Consented)
{
    internal static async Task<PoolMember> Read(IPersonGrain person, Guid personId, ConsentScope scope) =>
        await person.HasConsented(scope)
            ? new PoolMember(personId, await person.DisplayName(), true)
            : new PoolMember(personId, null, false);
}
