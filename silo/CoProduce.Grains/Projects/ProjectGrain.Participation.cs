using CoProduce.Grains.Common;
using CoProduce.Grains.Organisations;
using CoProduce.Grains.People;

namespace CoProduce.Grains.Projects;

/// <summary>
/// Who takes part is the person's own act: they redeem an invitation, or accept a request that names the
/// organisation and what the project will see. What the project may know beyond name and role is theirs to
/// say, and to change, at any time.
/// </summary>
public sealed partial class ProjectGrain
{
    private const int MaxOpenRequests = 500;

    public async Task<ParticipationRequest> RequestParticipation(Actor actor, Guid personId, ProjectRole role)
    {
        await this.EnsureCanFacilitate(actor);
        EnsureOpen();
        CheckRole(role);
        if (personId == Guid.Empty)
        {
            throw DomainException.Invalid("personId", "personId must name a person.");
        }

        if (S.Participants.ContainsKey(personId))
        {
            throw DomainException.Conflict("That person already takes part; change their role instead.");
        }

        if (S.Requests.Count >= MaxOpenRequests && !S.Requests.ContainsKey(personId))
        {
            throw DomainException.Conflict($"A project may have at most {MaxOpenRequests} open requests to take part.");
        }

        var organisation = await GrainFactory.GetGrain<IOrganisationGrain>(S.OrganisationId).Name() ?? "the organisation";
        var pending = new PendingParticipation(role, actor.PersonId, actor.SupportedBy, time.GetUtcNow(), organisation);
        // A request changes nothing the project shows, so its version (and ETag) stays.
        state.State = S with { Requests = new(S.Requests) { [personId] = pending } };
        RaiseEvent(new ParticipationRequested(Id, personId, role, actor.PersonId, actor.SupportedBy));
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IPersonGrain>(personId).ParticipationRequested(Id, open: true);
        return RequestView(pending);
    }

    public Task<ParticipationRequest?> RequestFor(Guid personId) =>
        Task.FromResult(Exists && S.Requests.TryGetValue(personId, out var pending) ? RequestView(pending) : null);

    public async Task<Versioned<ProjectView>> AcceptParticipation(Actor actor, ParticipationConsent consent)
    {
        var pending = await EnsureAsked(actor);
        EnsureOpen();
        var given = consent ?? ParticipationConsent.None;
        var joined = new ParticipantState(actor.PersonId, pending.Role, time.GetUtcNow(), InvitedBy: pending.RequestedBy, given);
        state.State = S with
        {
            Participants = new(S.Participants) { [actor.PersonId] = joined },
            Requests = RequestsWithout(actor.PersonId),
            Version = S.Version + 1,
        };
        RaiseEvent(new ParticipationAccepted(Id, actor.PersonId, pending.Role, given.ShowLivedExperience, given.CountInAggregates, actor.SupportedBy));
        await state.WriteStateAsync();
        var person = GrainFactory.GetGrain<IPersonGrain>(actor.PersonId);
        await person.Joined(null, Id, isProject: true);
        await person.ParticipationRequested(Id, open: false);
        return await Current(actor, await AccessOf(actor.PersonId));
    }

    public async Task DeclineParticipation(Actor actor)
    {
        await EnsureAsked(actor);
        state.State = S with { Requests = RequestsWithout(actor.PersonId) };
        RaiseEvent(new ParticipationDeclined(Id, actor.PersonId, actor.SupportedBy));
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IPersonGrain>(actor.PersonId).ParticipationRequested(Id, open: false);
    }

    public async Task AdmitInvited(string invitationId, Guid personId, ProjectRole role, Guid invitedBy)
    {
        // Only an invitation issued for this project admits anyone, and only the person redeeming it calls this.
        if (!Exists || !S.Invitations.Contains(invitationId))
        {
            throw DomainException.NotFound("The project");
        }

        EnsureOpen();
        CheckRole(role);
        if (S.Participants.ContainsKey(personId))
        {
            throw DomainException.Conflict("You already take part in this project.");
        }

        var joined = new ParticipantState(personId, role, time.GetUtcNow(), invitedBy, ParticipationConsent.None);
        var wasAsked = S.Requests.ContainsKey(personId);
        state.State = S with
        {
            Participants = new(S.Participants) { [personId] = joined },
            Requests = RequestsWithout(personId),
            Version = S.Version + 1,
        };
        RaiseEvent(new ParticipantSet(Id, personId, role, personId, null, invitedBy));
        await state.WriteStateAsync();
        var person = GrainFactory.GetGrain<IPersonGrain>(personId);
        await person.Joined(null, Id, isProject: true);
        if (wasAsked)
        {
            await person.ParticipationRequested(Id, open: false);
        }
    }

    public async Task<ParticipationConsent> ConsentOf(Actor actor) => (await EnsureOwnPart(actor)).Consent ?? ParticipationConsent.None;

    public async Task<ParticipationConsent> SetConsent(Actor actor, ParticipationConsent consent)
    {
        var own = await EnsureOwnPart(actor);
        var given = consent ?? throw DomainException.Invalid("consent", "Say what the project may see.");
        if (own.Consent != given)
        {
            state.State = S with { Participants = new(S.Participants) { [actor.PersonId] = own with { Consent = given } }, Version = S.Version + 1 };
            RaiseEvent(new ParticipationConsentChanged(Id, actor.PersonId, given.ShowLivedExperience, given.CountInAggregates, actor.SupportedBy));
            await state.WriteStateAsync();
        }

        return given;
    }

    /// <summary>The open request to the actor; a supporter acts only while the person links them.</summary>
    private async Task<PendingParticipation> EnsureAsked(Actor actor)
    {
        if (!Exists || !S.Requests.TryGetValue(actor.PersonId, out var pending))
        {
            throw DomainException.NotFound("The request to take part");
        }

        await EnsureLinked(actor);
        return pending;
    }

    private async Task<ParticipantState> EnsureOwnPart(Actor actor)
    {
        if (!Exists || !S.Participants.TryGetValue(actor.PersonId, out var own))
        {
            throw DomainException.NotFound("The project");
        }

        await EnsureLinked(actor);
        return own;
    }

    private async Task EnsureLinked(Actor actor)
    {
        if (actor.SupportedBy is { } supporter && !await GrainFactory.GetGrain<IPersonGrain>(actor.PersonId).IsSupportedBy(supporter))
        {
            throw DomainException.Forbidden("You are not linked as a supporter of this person, so you cannot act with them.");
        }
    }

    private Dictionary<Guid, PendingParticipation> RequestsWithout(Guid personId) =>
        S.Requests.Where(r => r.Key != personId).ToDictionary(r => r.Key, r => r.Value);

    private ParticipationRequest RequestView(PendingParticipation pending) => new(
        Id,
        S.Name!,
        S.OrganisationId,
        pending.OrganisationName,
        pending.Role,
        pending.RequestedBy,
        pending.SupportedBy,
        pending.RequestedAt,
        [
            $"{pending.OrganisationName} sees your name as your profile gives it (your preferred name if you set one) and that you are a {pending.Role} in \"{S.Name}\".",
            "Everyone in the project sees your name and role; facilitators see the access needs you record here and who you say you speak for.",
            "Whether you have lived experience is shown, to facilitators only, if you choose to show it; you can change your mind at any time.",
            "Your diversity answers are counted, never shown person by person, only if you choose to be counted, and only in published figures of at least 5 people.",
        ]);
}
