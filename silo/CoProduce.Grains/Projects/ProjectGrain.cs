using CoProduce.Grains.Common;
using CoProduce.Grains.Networks;
using CoProduce.Grains.Organisations;
using CoProduce.Grains.People;
using CoProduce.Runtime.Grains;
using CoProduce.Runtime.State;

namespace CoProduce.Grains.Projects;

/// <summary>
/// A co-produced project. Participants and the staff of its organisation may see it; anyone else is
/// told it does not exist. Facilitation (project facilitators, organisation admins and facilitators)
/// shapes it; contributors take part in it as equals.
/// </summary>
public sealed partial class ProjectGrain([PersistentState("project")] IPersistentState<ProjectState> state) : Grain, IProjectGrain
{
    private ProjectState S => state.State;

    private bool Exists => S.Name is not null;

    private Guid Id => GetPrimaryKey();

    public async Task<ProjectView> Create(Actor actor, Guid organisationId, Guid? networkId, string name, string? summary)
    {
        if (Exists)
        {
            throw DomainException.Conflict("This project already exists.");
        }

        var roles = await GrainFactory.GetGrain<IOrganisationGrain>(organisationId).RolesOf(actor);
        if (roles.Count == 0)
        {
            throw DomainException.NotFound("The organisation");
        }

        if (!roles.Contains(OrganisationRole.Admin) && !roles.Contains(OrganisationRole.Facilitator))
        {
            throw DomainException.Forbidden("Only an organisation's admins and facilitators start projects.");
        }

        if (networkId == Guid.Empty)
        {
            throw DomainException.Invalid("networkId", "networkId must name a network, or be left out.");
        }

        if (networkId is { } network && !await GrainFactory.GetGrain<INetworkGrain>(network).HasOrganisation(organisationId))
        {
            throw DomainException.Invalid("networkId", "The organisation is not a member of that network.");
        }

        var now = Clock.Now;
        var creator = await NewParticipant(actor.PersonId, ProjectRole.Facilitator, invitedBy: null, now);
        state.State = new ProjectState
        {
            Name = Text.Required(name, "name"),
            Summary = Text.Optional(summary, "summary"),
            OrganisationId = organisationId,
            NetworkId = networkId,
            Stage = ProjectStage.PreProduction,
            Participants = new() { [actor.PersonId] = creator },
            CreatedBy = actor.PersonId,
            CreatedAt = now,
            Version = 1,
        };
        RaiseEvent(new ProjectCreated(Id, organisationId, networkId, S.Name!, actor.PersonId, actor.SupportedBy));
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IOrganisationGrain>(organisationId).ProjectAdded(Id);
        if (networkId is { } joined)
        {
            await GrainFactory.GetGrain<INetworkGrain>(joined).ProjectAdded(Id);
        }

        await GrainFactory.GetGrain<IPersonGrain>(actor.PersonId).Joined(null, Id, isProject: true);
        return ViewFor(actor, canFacilitate: true);
    }

    public async Task<Versioned<ProjectView>> Get(Actor actor) => Current(actor, await EnsureCanSee(actor));

    public Task<ProjectRole?> RoleOf(Guid personId) =>
        Task.FromResult(Exists && S.Participants.TryGetValue(personId, out var p) ? p.Role : (ProjectRole?)null);

    public Task<ProjectHeader?> Header() =>
        Task.FromResult(Exists ? new ProjectHeader(Id, S.OrganisationId, S.NetworkId, S.Name!) : null);

    public async Task<ProjectAccess> AccessOf(Guid personId)
    {
        if (!Exists)
        {
            return new ProjectAccess(false, null, false, false, false);
        }

        var roles = await GrainFactory.GetGrain<IOrganisationGrain>(S.OrganisationId).RolesOf(personId);
        var role = S.Participants.TryGetValue(personId, out var participant) ? participant.Role : (ProjectRole?)null;
        return new ProjectAccess(
            true,
            role,
            roles.Count > 0,
            roles.Contains(OrganisationRole.Admin),
            roles.Contains(OrganisationRole.Facilitator),
            participant?.DisplayName);
    }

    public async Task<ProjectView> SetParticipant(Actor actor, Guid personId, ProjectRole role, Guid? invitedBy = null)
    {
        if (invitedBy is null)
        {
            await EnsureCanFacilitate(actor);
        }
        else if (!Exists)
        {
            throw DomainException.NotFound("The project");
        }

        EnsureOpen();
        if (!Enum.IsDefined(role))
        {
            throw DomainException.Invalid("role", "role must be Contributor, Facilitator or Observer.");
        }

        if (personId == Guid.Empty)
        {
            throw DomainException.Invalid("personId", "personId must name a person.");
        }

        var existing = S.Participants.GetValueOrDefault(personId);
        if (existing?.Role != role)
        {
            // A role change keeps when and by whose invitation the person first joined.
            var participant = await NewParticipant(personId, role, invitedBy ?? existing?.InvitedBy, existing?.JoinedAt ?? Clock.Now);
            var participants = new Dictionary<Guid, Participant>(S.Participants) { [personId] = participant };
            if (!participants.Values.Any(p => p.Role == ProjectRole.Facilitator))
            {
                throw DomainException.Conflict("A project must keep at least one facilitator.");
            }

            state.State = S with { Participants = participants, Version = S.Version + 1 };
            RaiseEvent(new ParticipantSet(Id, personId, role, participant.LivedExperience, actor.PersonId, actor.SupportedBy, invitedBy));
            await state.WriteStateAsync();
            await GrainFactory.GetGrain<IPersonGrain>(personId).Joined(null, Id, isProject: true);
            await LiveSessionLearns(personId);
        }

        // Read access afresh: the caller may just have changed their own role.
        return ViewFor(actor, (await this.AccessOf(actor)).CanFacilitate);
    }

    public async Task InvitationIssued(string invitationId)
    {
        if (Exists && !S.Invitations.Contains(invitationId))
        {
            state.State = S with { Invitations = [.. S.Invitations, invitationId] };
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> Invitations() => Task.FromResult<IReadOnlyList<string>>(S.Invitations);

    public Task<IReadOnlyList<Participant>> Participants() =>
        Task.FromResult<IReadOnlyList<Participant>>(Exists ? [.. S.Participants.Values.OrderBy(p => p.JoinedAt)] : []);

    private async Task<Participant> NewParticipant(Guid personId, ProjectRole role, Guid? invitedBy, DateTimeOffset joinedAt)
    {
        var person = GrainFactory.GetGrain<IPersonGrain>(personId);
        var name = await person.DisplayName() ?? "Participant";
        return new Participant(personId, name, role, await person.LivedExperience(), joinedAt, invitedBy);
    }

    /// <summary>Anyone who may not see the project is told it does not exist.</summary>
    private async Task<ProjectAccess> EnsureCanSee(Actor actor)
    {
        var access = await this.AccessOf(actor);
        return access.CanSee ? access : throw DomainException.NotFound("The project");
    }

    private async Task<ProjectAccess> EnsureCanFacilitate(Actor actor)
    {
        var access = await EnsureCanSee(actor);
        return access.CanFacilitate ? access : throw DomainException.Forbidden("Only the project's facilitators can do this.");
    }

    /// <summary>Closed is final: nothing leaves it, so nothing in a closed project changes either.</summary>
    private void EnsureOpen()
    {
        if (S.Stage == ProjectStage.Closed)
        {
            throw DomainException.Conflict("The project is closed; nothing in it changes now.");
        }
    }

    private Versioned<ProjectView> Current(Actor actor, ProjectAccess access) => new(ViewFor(actor, access.CanFacilitate), S.Version);

    /// <summary>
    /// Access needs are personal: facilitators see the whole plan because they arrange the adjustments;
    /// everyone else sees only their own needs.
    /// </summary>
    private ProjectView ViewFor(Actor actor, bool canFacilitate) => new(
        Id,
        S.OrganisationId,
        S.NetworkId,
        S.Name!,
        S.Summary,
        S.Stage,
        S.StageHistory,
        [.. S.Participants.Values.OrderBy(p => p.JoinedAt)],
        canFacilitate
            ? S.PreProduction
            : S.PreProduction with { AccessPlan = [.. S.PreProduction.AccessPlan.Where(n => n.PersonId == actor.PersonId)] },
        S.CreatedBy,
        S.CreatedAt);
}
