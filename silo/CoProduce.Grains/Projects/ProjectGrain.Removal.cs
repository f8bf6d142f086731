using CoProduce.Grains.Common;
using CoProduce.Grains.Live;
using CoProduce.Grains.Organisations;

namespace CoProduce.Grains.Projects;

public sealed partial class ProjectGrain
{
    public async Task RemoveParticipant(Actor actor, Guid personId)
    {
        // Leaving is one's own act (a supporter may do it with the person); removing someone else is facilitation.
        if (actor.PersonId == personId)
        {
            await this.EnsureCanSee(actor);
        }
        else
        {
            await this.EnsureCanFacilitate(actor);
        }

        EnsureOpen();
        if (!S.Participants.TryGetValue(personId, out var participant))
        {
            throw DomainException.NotFound("The participant");
        }

        var participants = new Dictionary<Guid, ParticipantState>(S.Participants);
        participants.Remove(personId);
        if (participant.Role == ProjectRole.Facilitator && !participants.Values.Any(p => p.Role == ProjectRole.Facilitator))
        {
            throw DomainException.Conflict("A project must keep at least one facilitator: make someone else a facilitator first.");
        }

        state.State = S with { Participants = participants, Version = S.Version + 1 };
        RaiseEvent(new ParticipantRemoved(Id, personId, participant.Role, actor.PersonId, actor.SupportedBy));
        await state.WriteStateAsync();
        await LiveSessionLearns(personId);
    }

    public async Task OrganisationRolesChanged(Guid personId, IReadOnlySet<OrganisationRole> roles)
    {
        if (Exists)
        {
            await GrainFactory.GetGrain<IProjectLiveGrain>(Id).ParticipantChanged(personId, await AccessWith(personId, roles));
        }
    }

    /// <summary>The live session acts on the person's part as it is now: a new role at once, or out of the room.</summary>
    private async Task LiveSessionLearns(Guid personId) =>
        await GrainFactory.GetGrain<IProjectLiveGrain>(Id).ParticipantChanged(personId, await AccessOf(personId));
}
