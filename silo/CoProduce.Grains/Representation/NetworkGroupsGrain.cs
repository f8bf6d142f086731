using CoProduce.Journal.State;
using CoProduce.Grains.Common;
using CoProduce.Grains.Networks;
using CoProduce.Grains.People;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Representation;

/// <summary>
/// A network's list of groups and communities, kept by its coordinators so that people in the network
/// can say whom they speak for in shared words, and projects can set targets against them.
/// </summary>
[GrainType("networkgroups")]
public sealed class NetworkGroupsGrain([JournaledState("groups")] IJournaledState<NetworkGroupsState> state) : JournaledGrain, INetworkGroupsGrain
{
    private const int MaxGroups = 200;

    private Guid NetworkId => this.GetPrimaryKey();

    public async Task<Versioned<NetworkGroups>> Get(Actor actor)
    {
        if (!await InNetwork(actor))
        {
            throw DomainException.NotFound("The network");
        }

        return Current();
    }

    public async Task<Versioned<NetworkGroups>> Add(Actor actor, string name)
    {
        var network = GrainFactory.GetGrain<INetworkGrain>(NetworkId);
        if (!await network.IsCoordinator(actor))
        {
            throw await InNetwork(actor)
                ? DomainException.Forbidden("Only the network's coordinators keep its list of groups.")
                : DomainException.NotFound("The network");
        }

        var clean = Text.Required(name, "name");
        if (state.State.Groups.Any(g => Values.Key(g.Name) == Values.Key(clean)))
        {
            throw DomainException.Conflict("The network already lists a group of that name.");
        }

        if (state.State.Groups.Count >= MaxGroups)
        {
            throw DomainException.Conflict($"A network may list at most {MaxGroups} groups.");
        }

        var group = new NetworkGroup(Guid.NewGuid(), clean);
        RaiseEvent(new NetworkGroupAdded(NetworkId, group.Id, group.Name, actor.PersonId));
        state.State = state.State with { Groups = [.. state.State.Groups, group], Version = state.State.Version + 1 };
        await state.WriteStateAsync();
        return Current();
    }

    public Task<string?> NameOf(Guid groupId) => Task.FromResult(state.State.Groups.FirstOrDefault(g => g.Id == groupId)?.Name);

    /// <summary>Coordinators and member organisations' staff (who may read the network), and people taking part in its projects.</summary>
    private async Task<bool> InNetwork(Actor actor)
    {
        try
        {
            await GrainFactory.GetGrain<INetworkGrain>(NetworkId).Get(actor);
            return true;
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            var own = (await GrainFactory.GetGrain<IPersonGrain>(actor.PersonId).GetOwn(new Actor(actor.PersonId))).Value;
            if (own.Networks.Contains(NetworkId))
            {
                return true;
            }

            foreach (var projectId in own.Projects)
            {
                var access = await GrainFactory.GetGrain<IProjectGrain>(projectId).AccessOf(actor);
                if (access.Role is not null && (await GrainFactory.GetGrain<IProjectGrain>(projectId).Get(new Actor(actor.PersonId))).Value.NetworkId == NetworkId)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private Versioned<NetworkGroups> Current() => new(new NetworkGroups(NetworkId, state.State.Groups), state.State.Version);
}
