using CoProduce.Journal.State;
using CoProduce.Grains.Common;
using CoProduce.Grains.Organisations;
using CoProduce.Grains.People;

namespace CoProduce.Grains.Networks;

/// <summary>
/// A regional network. Its coordinators shape it; the staff of its member organisations may see it;
/// anyone else is told it does not exist. Contributors join the shared pool only with their consent.
/// </summary>
[GrainType("network")]
public sealed class NetworkGrain([JournaledState("network")] IJournaledState<NetworkState> state, TimeProvider time) : JournaledGrain, INetworkGrain
{
    // Bounds keep one grain's state (read and written whole) a sensible size.
    private const int MaxOrganisations = 500;
    private const int MaxCoordinators = 50;
    private const int MaxPool = 5000;

    private NetworkState S => state.State;

    private bool Exists => S.Name is not null;

    private Guid Id => this.GetPrimaryKey();

    public async Task<NetworkView> Create(Actor actor, string name)
    {
        if (Exists)
        {
            throw DomainException.Conflict("This network already exists.");
        }

        // Starting a network makes its coordinator: a role of the person's own, never taken on with a supporter.
        if (actor.IsActingWith())
        {
            throw DomainException.Forbidden("A supporter acting with someone cannot start a network for them.");
        }

        var validName = Text.Required(name, "name");
        state.State = new NetworkState
        {
            Name = validName,
            Coordinators = [actor.PersonId],
            CreatedBy = actor.PersonId,
            CreatedAt = time.GetUtcNow(),
            Version = 1,
        };
        RaiseEvent(new NetworkCreated(Id, validName, actor.PersonId, actor.SupportedBy));
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IPersonGrain>(actor.PersonId).Joined(ConsentScopeKind.Network, Id, isProject: false);
        return View();
    }

    public async Task<Versioned<NetworkView>> Get(Actor actor)
    {
        await EnsureCanSee(actor);
        return new(View(), S.Version);
    }

    public async Task<NetworkView> AddOrganisation(Actor actor, Guid organisationId)
    {
        await EnsureCoordinator(actor);
        if (organisationId == Guid.Empty)
        {
            throw DomainException.Invalid("organisationId", "organisationId must name an organisation.");
        }

        // The same answer whether the organisation is missing or the actor merely lacks the role,
        // so a coordinator learns nothing about organisations they are not part of.
        var roles = await GrainFactory.GetGrain<IOrganisationGrain>(organisationId).RolesOf(actor);
        if (!roles.Contains(OrganisationRole.Admin))
        {
            throw DomainException.Forbidden("Only an admin of the organisation can bring it into the network.");
        }

        if (S.Organisations.Contains(organisationId))
        {
            return View();
        }

        EnsureRoom(S.Organisations, MaxOrganisations, "organisations");
        state.State = S with { Organisations = [.. S.Organisations, organisationId], Version = S.Version + 1 };
        RaiseEvent(new OrganisationJoinedNetwork(Id, organisationId, actor.PersonId, actor.SupportedBy));
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IOrganisationGrain>(organisationId).JoinedNetwork(Id);
        return View();
    }

    public async Task<NetworkView> AddCoordinator(Actor actor, Guid personId)
    {
        await EnsureCoordinator(actor);
        if (personId == Guid.Empty)
        {
            throw DomainException.Invalid("personId", "personId must name a person.");
        }

        if (S.Coordinators.Contains(personId))
        {
            return View();
        }

        EnsureRoom(S.Coordinators, MaxCoordinators, "coordinators");
        state.State = S with { Coordinators = [.. S.Coordinators, personId], Version = S.Version + 1 };
        RaiseEvent(new CoordinatorAdded(Id, personId, actor.PersonId, actor.SupportedBy));
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IPersonGrain>(personId).Joined(ConsentScopeKind.Network, Id, isProject: false);
        return View();
    }

    public async Task<NetworkView> AddToPool(Actor actor, Guid personId)
    {
        await EnsureCoordinator(actor);
        if (personId == Guid.Empty)
        {
            throw DomainException.Invalid("personId", "personId must name a person.");
        }

        if (S.ContributorPool.Contains(personId))
        {
            return View();
        }

        var person = GrainFactory.GetGrain<IPersonGrain>(personId);
        if (!await person.HasConsented(new ConsentScope(ConsentScopeKind.Network, Id)))
        {
            throw DomainException.Conflict(
                "The person has not consented to share their profile with this network; they (or their supporter) can give consent first.");
        }

        EnsureRoom(S.ContributorPool, MaxPool, "contributorPool");
        state.State = S with { ContributorPool = [.. S.ContributorPool, personId], Version = S.Version + 1 };
        RaiseEvent(new ContributorPooled(Id, personId, actor.PersonId, actor.SupportedBy));
        await state.WriteStateAsync();
        await person.Joined(ConsentScopeKind.Network, Id, isProject: false);
        return View();
    }

    public async Task ProjectAdded(Guid projectId)
    {
        if (Exists && !S.Projects.Contains(projectId))
        {
            state.State = S with { Projects = [.. S.Projects, projectId], Version = S.Version + 1 };
            await state.WriteStateAsync();
        }
    }

    public Task<bool> IsCoordinator(Guid personId) => Task.FromResult(Exists && S.Coordinators.Contains(personId));

    public Task<bool> HasOrganisation(Guid organisationId) => Task.FromResult(Exists && S.Organisations.Contains(organisationId));

    /// <summary>Coordinators and member organisations' staff see the network; anyone else is told it does not exist.</summary>
    private async Task EnsureCanSee(Actor actor)
    {
        if (!Exists)
        {
            throw DomainException.NotFound("The network");
        }

        if (await this.IsCoordinator(actor))
        {
            return;
        }

        foreach (var organisation in S.Organisations)
        {
            if ((await GrainFactory.GetGrain<IOrganisationGrain>(organisation).RolesOf(actor)).Count > 0)
            {
                return;
            }
        }

        throw DomainException.NotFound("The network");
    }

    private async Task EnsureCoordinator(Actor actor)
    {
        await EnsureCanSee(actor);
        if (!await this.IsCoordinator(actor))
        {
            throw DomainException.Forbidden("Only the network's coordinators can do this.");
        }
    }

    private static void EnsureRoom(List<Guid> list, int max, string field)
    {
        if (list.Count >= max)
        {
            throw DomainException.Conflict($"A network may have at most {max} {field}.");
        }
    }

    private NetworkView View() => new(Id, S.Name!, S.Organisations, S.Coordinators, S.ContributorPool, S.Projects);
}
