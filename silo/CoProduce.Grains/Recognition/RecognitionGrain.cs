using CoProduce.Journal.State;
using CoProduce.Grains.Common;
using CoProduce.Grains.Networks;
using CoProduce.Grains.Organisations;
using CoProduce.Grains.People;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Recognition;

/// <summary>
/// One person's recognition: their consents to credits and certificates, and their record of
/// contributions, which is derived afresh on every read so it never disagrees with the projects.
/// The record follows the People rules: the person and their supporter see it; an organisation's staff
/// or a network's coordinators see the part in their projects only while the person shares their profile with them.
/// </summary>
[GrainType("recognition")]
public sealed partial class RecognitionGrain(
    [JournaledState("recognition")] IJournaledState<RecognitionState> state,
    TimeProvider time) : JournaledGrain, IRecognitionGrain
{
    // Bounds the stored consents; one per project the person takes part in.
    private const int MaxConsents = 2000;

    private RecognitionState S => state.State;

    private Guid Id => this.GetPrimaryKey();

    public async Task<Versioned<RecognitionChoices>> Choices(Actor actor)
    {
        await EnsureSelf(actor);
        return Current();
    }

    public async Task<Versioned<RecognitionChoices>> Consent(Actor actor, Guid projectId, string name, bool credits, bool certificate)
    {
        await EnsureSelf(actor);
        if (await GrainFactory.GetGrain<IProjectGrain>(projectId).RoleOf(Id) is null)
        {
            throw DomainException.NotFound("The project");
        }

        var chosen = Text.Required(name, "name");
        if (!credits && !certificate)
        {
            throw DomainException.Invalid("credits", "Consent to credits, a certificate or both; to consent to neither, withdraw.");
        }

        if (S.Consents.Count >= MaxConsents && !S.Consents.ContainsKey(projectId))
        {
            throw DomainException.Conflict($"A person may hold at most {MaxConsents} recognition consents.");
        }

        var consent = new RecognitionConsent(projectId, chosen, credits, certificate, time.GetUtcNow(), actor.SupportedBy);
        if (actor.SupportedBy is { } supporter)
        {
            return await Propose(projectId, consent, supporter);
        }

        if (S.Consents.TryGetValue(projectId, out var current) && current with { GivenAt = consent.GivenAt, SupportedBy = consent.SupportedBy } == consent)
        {
            return Current();
        }

        return await Give(consent);
    }

    private async Task<Versioned<RecognitionChoices>> Give(RecognitionConsent consent)
    {
        RaiseEvent(new RecognitionConsentGiven(Id, consent.ProjectId, consent.Credits, consent.Certificate, consent.SupportedBy));
        state.State = S with
        {
            Consents = new Dictionary<Guid, RecognitionConsent>(S.Consents) { [consent.ProjectId] = consent },
            Version = S.Version + 1,
        };
        await state.WriteStateAsync();
        return Current();
    }

    public async Task<Versioned<RecognitionChoices>> Withdraw(Actor actor, Guid projectId)
    {
        await EnsureSelf(actor);
        if (!S.Consents.ContainsKey(projectId))
        {
            throw DomainException.NotFound("A consent for that project");
        }

        return actor.SupportedBy is { } supporter ? await Propose(projectId, null, supporter) : await Remove(projectId, null);
    }

    private async Task<Versioned<RecognitionChoices>> Remove(Guid projectId, Guid? supportedBy)
    {
        var consents = new Dictionary<Guid, RecognitionConsent>(S.Consents);
        consents.Remove(projectId);
        RaiseEvent(new RecognitionConsentWithdrawn(Id, projectId, supportedBy));
        state.State = S with { Consents = consents, Version = S.Version + 1 };
        await state.WriteStateAsync();
        return Current();
    }

    public Task<RecognitionConsent?> ConsentFor(Guid projectId) => Task.FromResult(S.Consents.GetValueOrDefault(projectId));

    public async Task<ContributionRecord> Mine(Actor actor)
    {
        await EnsureSelf(actor);
        return await ContributionReader.Record(GrainFactory, Id, await ProjectsOfPerson(), _ => true);
    }

    public async Task<ContributionRecord> ForOrganisation(Actor actor, Guid organisationId)
    {
        var staff = (await GrainFactory.GetGrain<IOrganisationGrain>(organisationId).RolesOf(actor)).Count > 0;
        var scope = new ConsentScope(ConsentScopeKind.Organisation, organisationId);
        if (!staff || !await GrainFactory.GetGrain<IPersonGrain>(Id).HasConsented(scope))
        {
            throw DomainException.NotFound("The person's contributions");
        }

        return await ContributionReader.Record(GrainFactory, Id, await ProjectsOfPerson(), p => p.OrganisationId == organisationId);
    }

    public async Task<ContributionRecord> ForNetwork(Actor actor, Guid networkId)
    {
        var coordinator = await GrainFactory.GetGrain<INetworkGrain>(networkId).IsCoordinator(actor);
        var scope = new ConsentScope(ConsentScopeKind.Network, networkId);
        if (!coordinator || !await GrainFactory.GetGrain<IPersonGrain>(Id).HasConsented(scope))
        {
            throw DomainException.NotFound("The person's contributions");
        }

        return await ContributionReader.Record(GrainFactory, Id, await ProjectsOfPerson(), p => p.NetworkId == networkId);
    }

    /// <summary>The projects the person's own record lists (read as the person: it is their record being assembled).</summary>
    private async Task<IReadOnlyList<Guid>> ProjectsOfPerson() =>
        (await GrainFactory.GetGrain<IPersonGrain>(Id).GetOwn(new Actor(Id))).Value.Projects;

    /// <summary>The person, or a supporter they have linked; anyone else is told nothing exists.</summary>
    private async Task EnsureSelf(Actor actor)
    {
        if (actor.PersonId != Id)
        {
            throw DomainException.NotFound("The person");
        }

        if (actor.SupportedBy is { } supporter && !await GrainFactory.GetGrain<IPersonGrain>(Id).IsSupportedBy(supporter))
        {
            throw DomainException.Forbidden("You are not linked as a supporter of this person, so you cannot act with them.");
        }
    }

    private Versioned<RecognitionChoices> Current() =>
        new(new RecognitionChoices(Id, [.. S.Consents.Values.OrderBy(c => c.GivenAt)], S.Pending), S.Version);
}
