using CoProduce.Journal.State;
using CoProduce.Grains.Common;
using CoProduce.Grains.Networks;
using CoProduce.Grains.Organisations;
using CoProduce.Grains.People;

namespace CoProduce.Grains.Projects;

/// <summary>
/// A co-produced project. Participants and the staff of its organisation may see it; anyone else is
/// told it does not exist. Facilitation (project facilitators, organisation admins and facilitators)
/// shapes it; contributors take part in it as equals.
/// </summary>
[GrainType("project")]
public sealed partial class ProjectGrain([JournaledState("project")] IJournaledState<ProjectState> state, TimeProvider time) : JournaledGrain, IProjectGrain
{
    private ProjectState S => state.State;

    private bool Exists => S.Name is not null;

    private const string UnnamedParticipant = "Participant";

    private Guid Id => this.GetPrimaryKey();

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

        var now = time.GetUtcNow();
        var creator = new ParticipantState(actor.PersonId, ProjectRole.Facilitator, now, InvitedBy: null, ParticipationConsent.None);
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
        return await ViewFor(actor, canFacilitate: true);
    }

    public async Task<Versioned<ProjectView>> Get(Actor actor) => await Current(actor, await this.EnsureCanSee(actor));

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

        return await AccessWith(personId, await GrainFactory.GetGrain<IOrganisationGrain>(S.OrganisationId).RolesOf(personId));
    }

    /// <summary>How the person stands here, given their staff roles in the project's organisation.</summary>
    private async Task<ProjectAccess> AccessWith(Guid personId, IReadOnlySet<OrganisationRole> roles)
    {
        var role = S.Participants.TryGetValue(personId, out var participant) ? participant.Role : (ProjectRole?)null;

        // The name comes from the person's profile as it is now, never from a copy taken when they joined.
        var name = participant is null ? null : await GrainFactory.GetGrain<IPersonGrain>(personId).DisplayName() ?? UnnamedParticipant;
        return new ProjectAccess(
            true,
            role,
            roles.Count > 0,
            roles.Contains(OrganisationRole.Admin),
            roles.Contains(OrganisationRole.Facilitator),
            name);
    }

    public async Task<ProjectView> SetParticipant(Actor actor, Guid personId, ProjectRole role)
    {
        await this.EnsureCanFacilitate(actor);
        EnsureOpen();
        CheckRole(role);
        if (personId == Guid.Empty)
        {
            throw DomainException.Invalid("personId", "personId must name a person.");
        }

        // Taking part is the person's own act: a facilitator may change a participant's role, never add someone.
        var existing = S.Participants.GetValueOrDefault(personId)
            ?? throw DomainException.Conflict("That person does not take part in this project: ask them, and they join by accepting.");
        if (existing.Role != role)
        {
            var participants = new Dictionary<Guid, ParticipantState>(S.Participants) { [personId] = existing with { Role = role } };
            if (!participants.Values.Any(p => p.Role == ProjectRole.Facilitator))
            {
                throw DomainException.Conflict("A project must keep at least one facilitator.");
            }

            state.State = S with { Participants = participants, Version = S.Version + 1 };
            RaiseEvent(new ParticipantSet(Id, personId, role, actor.PersonId, actor.SupportedBy, existing.InvitedBy));
            await state.WriteStateAsync();
            await LiveSessionLearns(personId);
        }

        // Read access afresh: the caller may just have changed their own role.
        return await ViewFor(actor, (await this.AccessOf(actor)).CanFacilitate);
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

    public Task<IReadOnlyList<ProjectMember>> Members() =>
        Task.FromResult<IReadOnlyList<ProjectMember>>(Exists
            ? [.. S.Participants.Values.OrderBy(p => p.JoinedAt).Select(p => new ProjectMember(p.PersonId, p.Role, p.Consent ?? ParticipationConsent.None))]
            : []);

    /// <summary>Closed is final: nothing leaves it, so nothing in a closed project changes either.</summary>
    private void EnsureOpen()
    {
        if (S.Stage == ProjectStage.Closed)
        {
            throw DomainException.Conflict("The project is closed; nothing in it changes now.");
        }
    }

    private async Task<Versioned<ProjectView>> Current(Actor actor, ProjectAccess access)
    {
        // Read the version before the participants' profiles are read, so a body is never newer than its ETag says.
        var version = S.Version;
        return new(await ViewFor(actor, access.CanFacilitate), version);
    }

    /// <summary>
    /// Access needs are personal: facilitators see the whole plan because they arrange the adjustments;
    /// everyone else sees only their own needs. Names and lived experience are read from each profile as it is
    /// now; lived experience only for facilitators (who check a quorum) and only where the person agreed to show it.
    /// </summary>
    private async Task<ProjectView> ViewFor(Actor actor, bool canFacilitate)
    {
        var stored = S.Participants.Values.OrderBy(p => p.JoinedAt).ToList();
        var cards = await Task.WhenAll(stored.Select(p => GrainFactory.GetGrain<IPersonGrain>(p.PersonId).Card()));
        List<Participant> participants = [.. stored.Zip(cards, (p, card) => new Participant(
            p.PersonId,
            card.DisplayName ?? UnnamedParticipant,
            p.Role,
            canFacilitate && (p.Consent ?? ParticipationConsent.None).ShowLivedExperience ? card.LivedExperience : null,
            p.JoinedAt,
            p.InvitedBy))];
        return new(
            Id,
            S.OrganisationId,
            S.NetworkId,
            S.Name!,
            S.Summary,
            S.Stage,
            S.StageHistory,
            participants,
            canFacilitate
                ? S.PreProduction
                : S.PreProduction with { AccessPlan = [.. S.PreProduction.AccessPlan.Where(n => n.PersonId == actor.PersonId)] },
            S.CreatedBy,
            S.CreatedAt);
    }

    private static void CheckRole(ProjectRole role)
    {
        if (!Enum.IsDefined(role))
        {
            throw DomainException.Invalid("role", "role must be Contributor, Facilitator or Observer.");
        }
    }
}
