using CoProduce.Journal.State;
using CoProduce.Grains.Common;
using CoProduce.Grains.People;
using CoProduce.Grains.Projects;
using Microsoft.Extensions.Logging;

namespace CoProduce.Grains.Organisations;

[GrainType("organisation")]
public sealed partial class OrganisationGrain(
    [JournaledState("organisation")] IJournaledState<OrganisationState> state,
    ILogger<OrganisationGrain> logger) : JournaledGrain, IOrganisationGrain
{
    private OrganisationState S => state.State;

    private bool Exists => S.Name is not null;

    public async Task<OrganisationView> Create(Actor actor, string name, OrganisationKind kind, string creatorDisplayName)
    {
        if (Exists)
        {
            throw DomainException.Conflict("This organisation already exists.");
        }

        // Starting an organisation makes its admin: a role of the person's own, never taken on with a supporter.
        if (actor.IsActingWith())
        {
            throw DomainException.Forbidden("A supporter acting with someone cannot start an organisation for them.");
        }

        var validName = Text.Required(name, "name");
        var displayName = Text.Required(creatorDisplayName, "displayName");
        if (!Enum.IsDefined(kind))
        {
            throw DomainException.Invalid("kind", "kind is not a known kind of organisation.");
        }

        state.State = new OrganisationState
        {
            Name = validName,
            Kind = kind,
            Members = new() { [actor.PersonId] = new(displayName, [OrganisationRole.Admin]) },
            Version = 1,
        };
        RaiseEvent(new OrganisationCreated(this.GetPrimaryKey(), validName, kind, actor.PersonId));
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IPersonGrain>(actor.PersonId).Joined(ConsentScopeKind.Organisation, this.GetPrimaryKey(), isProject: false);
        return View();
    }

    public Task<Versioned<OrganisationView>> Get(Actor actor)
    {
        EnsureMember(actor);
        return Task.FromResult(new Versioned<OrganisationView>(View(), S.Version));
    }

    public async Task<OrganisationView> SetMember(Actor actor, Guid personId, string displayName, IReadOnlySet<OrganisationRole> roles)
    {
        EnsureMember(actor);
        if (!S.Members[actor.PersonId].Roles.Contains(OrganisationRole.Admin))
        {
            throw DomainException.Forbidden("Only the organisation's admins can change staff roles.");
        }

        var validName = Text.Required(displayName, "displayName");
        if (personId == Guid.Empty)
        {
            throw DomainException.Invalid("personId", "personId must name a person.");
        }

        if (roles.Any(r => !Enum.IsDefined(r)))
        {
            throw DomainException.Invalid("roles", "roles holds an unknown role.");
        }

        var members = new Dictionary<Guid, OrganisationMemberState>(S.Members);
        if (roles.Count == 0 && !members.Remove(personId))
        {
            throw DomainException.NotFound("That member");
        }
        else
        {
            members[personId] = new(validName, [.. roles]);
        }

        if (!members.Values.Any(m => m.Roles.Contains(OrganisationRole.Admin)))
        {
            throw DomainException.Conflict("An organisation must keep at least one admin.");
        }

        state.State = S with { Members = members, Version = S.Version + 1 };
        RaiseEvent(new OrganisationRolesChanged(this.GetPrimaryKey(), personId, [.. roles], actor.PersonId));
        await state.WriteStateAsync();
        if (roles.Count > 0)
        {
            await GrainFactory.GetGrain<IPersonGrain>(personId).Joined(ConsentScopeKind.Organisation, this.GetPrimaryKey(), isProject: false);
        }

        ProjectsLearn(personId, roles.ToHashSet());
        return View();
    }

    public Task<Versioned<OrganisationSettings>> GetSettings(Actor actor)
    {
        EnsureMember(actor);
        return Task.FromResult(new Versioned<OrganisationSettings>(S.Settings ?? OrganisationSettings.Default, S.Version));
    }

    public async Task<Versioned<OrganisationSettings>> SetSettings(Actor actor, OrganisationSettings settings, long? expectedVersion)
    {
        EnsureMember(actor);
        if (!S.Members[actor.PersonId].Roles.Contains(OrganisationRole.Admin))
        {
            throw DomainException.Forbidden("Only the organisation's admins can change its settings.");
        }

        if (settings.FeedbackOverdueAfterDays is < 1 or > OrganisationSettings.MaxFeedbackOverdueAfterDays)
        {
            throw DomainException.Invalid(
                "feedbackOverdueAfterDays", $"feedbackOverdueAfterDays must be between 1 and {OrganisationSettings.MaxFeedbackOverdueAfterDays}.");
        }

        if (expectedVersion is { } expected && expected != S.Version)
        {
            throw DomainException.Stale(S.Version);
        }

        if (settings == (S.Settings ?? OrganisationSettings.Default) && S.Settings is not null)
        {
            return new(settings, S.Version);
        }

        state.State = S with { Settings = settings, Version = S.Version + 1 };
        RaiseEvent(new OrganisationSettingsChanged(this.GetPrimaryKey(), settings, actor.PersonId, actor.SupportedBy));
        await state.WriteStateAsync();
        return new(settings, S.Version);
    }

    public Task<OrganisationSettings> Settings() => Task.FromResult(S.Settings ?? OrganisationSettings.Default);

    public Task<string?> Name() => Task.FromResult(S.Name);

    public Task<IReadOnlySet<OrganisationRole>> RolesOf(Guid personId) =>
        Task.FromResult<IReadOnlySet<OrganisationRole>>(
            S.Members.TryGetValue(personId, out var member) ? member.Roles : new HashSet<OrganisationRole>());

    public async Task JoinedNetwork(Guid networkId)
    {
        if (Exists && !S.Networks.Contains(networkId))
        {
            state.State = S with { Networks = [.. S.Networks, networkId], Version = S.Version + 1 };
            await state.WriteStateAsync();
        }
    }

    public async Task ProjectAdded(Guid projectId)
    {
        if (Exists && !S.Projects.Contains(projectId))
        {
            state.State = S with { Projects = [.. S.Projects, projectId], Version = S.Version + 1 };
            await state.WriteStateAsync();
        }
    }

    /// <summary>
    /// Staff facilitate the organisation's projects through their roles here, so each project's live session acts on a
    /// change at once (a facilitator or admin who loses the role stops facilitating in a session they are in). The roles
    /// are passed along, and the change is sent without waiting for the projects: a project may at this moment be
    /// waiting on this grain (checking someone's access), and waiting on it in turn would hold both until the call
    /// timeout. Each project hears of the change as soon as it is free; one that cannot be told is logged.
    /// </summary>
    private void ProjectsLearn(Guid personId, IReadOnlySet<OrganisationRole> roles)
    {
        foreach (var project in S.Projects)
        {
            _ = TellProject(project, personId, roles);
        }
    }

    private async Task TellProject(Guid project, Guid personId, IReadOnlySet<OrganisationRole> roles)
    {
        try
        {
            await GrainFactory.GetGrain<IProjectGrain>(project).OrganisationRolesChanged(personId, roles);
        }
        catch (Exception e)
        {
            ProjectNotTold(logger, e, project);
        }
    }

    /// <summary>
    /// Anyone who is not staff here is told the organisation does not exist; so is a supporter acting with a member,
    /// because staff roles never pass to a supporter (<see cref="ActingWith"/>).
    /// </summary>
    private void EnsureMember(Actor actor)
    {
        if (!Exists || actor.IsActingWith() || !S.Members.ContainsKey(actor.PersonId))
        {
            throw DomainException.NotFound("The organisation");
        }
    }

    private OrganisationView View() => new(
        this.GetPrimaryKey(),
        S.Name!,
        S.Kind,
        [.. S.Members.Select(m => new OrganisationMember(m.Key, m.Value.DisplayName, m.Value.Roles))],
        S.Networks,
        S.Projects);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Project {ProjectId} could not be told of a change to an organisation member's roles; its live session applies it at the next join")]
    private static partial void ProjectNotTold(ILogger logger, Exception exception, Guid projectId);
}
