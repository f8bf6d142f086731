using CoProduce.Grains.Common;

namespace CoProduce.Grains.Networks;

[GenerateSerializer, Alias("coproduce.networks.NetworkView")]
public sealed record NetworkView(
    Guid Id,
    string Name,
    IReadOnlyList<Guid> Organisations,
    IReadOnlyList<Guid> Coordinators,
    IReadOnlyList<Guid> ContributorPool,
    IReadOnlyList<Guid> Projects);

/// <summary>
/// A regional network (often user-led): member organisations, coordinators, projects run across them,
/// and a shared pool of contributors who consented to the network.
/// </summary>
[Alias("coproduce.networks.INetworkGrain")]
public interface INetworkGrain : IGrainWithGuidKey
{
    /// <summary>Creates the network; the creator becomes its first coordinator.</summary>
    Task<NetworkView> Create(Actor actor, string name);

    /// <summary>The network as its coordinators and member organisations' staff see it; 404 for anyone else.</summary>
    Task<Versioned<NetworkView>> Get(Actor actor);

    /// <summary>Adds an organisation; the actor must coordinate the network and administer the organisation.</summary>
    Task<NetworkView> AddOrganisation(Actor actor, Guid organisationId);

    /// <summary>Adds a coordinator (coordinators only).</summary>
    Task<NetworkView> AddCoordinator(Actor actor, Guid personId);

    /// <summary>Adds a contributor to the shared pool; they must have consented to the network.</summary>
    Task<NetworkView> AddToPool(Actor actor, Guid personId);

    /// <summary>Records a project run in the network (called by the project grain).</summary>
    Task ProjectAdded(Guid projectId);

    [ReadOnly]
    Task<bool> IsCoordinator(Guid personId);

    [ReadOnly]
    Task<bool> HasOrganisation(Guid organisationId);
}
