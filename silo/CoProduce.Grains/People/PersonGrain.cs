using CoProduce.Journal.State;
using CoProduce.Grains.Common;

namespace CoProduce.Grains.People;

/// <summary>
/// One person, told once: their profile is theirs; organisations and networks see it only while the
/// person consents, and a linked supporter may act with them (the record then names both).
/// </summary>
[GrainType("person")]
public sealed partial class PersonGrain([JournaledState("person")] IJournaledState<PersonState> state, TimeProvider time) : JournaledGrain, IPersonGrain
{
    private const int MaxSupporters = 20;
    private const int MaxConsents = 500;

    private PersonState S => state.State;

    private Guid Id => this.GetPrimaryKey();

    public async Task<Versioned<OwnProfileView>> SaveProfile(Actor actor, PersonProfile profile, long? expectedVersion)
    {
        EnsureSelfOrSupporter(actor);
        var firstOwnSave = S.ProfileFromInvitation && expectedVersion is null;
        if (S.Profile is not null && !firstOwnSave && expectedVersion != S.Version)
        {
            throw expectedVersion is null
                ? DomainException.Invalid("If-Match", "The profile exists: send If-Match with its ETag so no edit is lost.")
                : DomainException.Stale(S.Version);
        }

        var clean = Validate(profile);
        state.State = S with { Profile = clean, ProfileSupportedBy = actor.SupportedBy, ProfileFromInvitation = false, Version = S.Version + 1 };
        RaiseEvent(new ProfileSaved(Id, actor.PersonId, actor.SupportedBy));
        await state.WriteStateAsync();
        return Own();
    }

    public async Task StartInvitedProfile(string name)
    {
        if (S.Profile is not null)
        {
            return;
        }

        var clean = Validate(new PersonProfile { Name = name });
        state.State = S with { Profile = clean, ProfileFromInvitation = true, Version = S.Version + 1 };
        RaiseEvent(new ProfileSaved(Id, Id, null));
        await state.WriteStateAsync();
    }

    public Task<Versioned<OwnProfileView>> GetOwn(Actor actor)
    {
        EnsureSelfOrSupporter(actor);
        return Task.FromResult(Own());
    }

    public Task<PersonProfile> GetShared(ConsentScope scope) =>
        S.Profile is { } profile && Consented(scope)
            ? Task.FromResult(profile)
            : throw DomainException.NotFound("The person's profile");

    public Task<bool> HasConsented(ConsentScope scope) => Task.FromResult(Consented(scope));

    public Task<bool> Exists() => Task.FromResult(S.Profile is not null);

    public Task<string?> DisplayName() => Task.FromResult(S.Profile is { } p ? p.PreferredName ?? p.Name : null);

    public Task<bool> LivedExperience() => Task.FromResult(S.Profile?.LivedExperience ?? false);

    public Task<PersonCard> Card() =>
        Task.FromResult(new PersonCard(S.Profile is { } p ? p.PreferredName ?? p.Name : null, S.Profile?.LivedExperience ?? false));

    public async Task<OwnProfileView> GrantConsent(Actor actor, ConsentScope scope)
    {
        EnsureSelfOrSupporter(actor);
        ValidateScope(scope);
        if (!Consented(scope))
        {
            if (S.Consents.Count >= MaxConsents)
            {
                throw DomainException.Conflict($"A person may hold at most {MaxConsents} consents; withdraw some first.");
            }

            if (actor.SupportedBy is { } supporter)
            {
                return await ProposeConsentChange(scope, grant: true, supporter);
            }

            await ApplyConsent(scope, grant: true, supportedBy: null);
        }

        return Own().Value;
    }

    public async Task<OwnProfileView> WithdrawConsent(Actor actor, ConsentScope scope)
    {
        EnsureSelfOrSupporter(actor);
        ValidateScope(scope);
        if (Consented(scope))
        {
            if (actor.SupportedBy is { } supporter)
            {
                return await ProposeConsentChange(scope, grant: false, supporter);
            }

            await ApplyConsent(scope, grant: false, supportedBy: null);
        }

        return Own().Value;
    }

    /// <summary>Gives or withdraws a consent now; <paramref name="supportedBy"/> names the supporter who proposed it.</summary>
    private async Task ApplyConsent(ConsentScope scope, bool grant, Guid? supportedBy)
    {
        if (grant == Consented(scope))
        {
            return;
        }

        if (grant)
        {
            state.State = S with { Consents = [.. S.Consents, new ConsentRecord(scope, time.GetUtcNow(), supportedBy)], Version = S.Version + 1 };
            RaiseEvent(new ConsentGranted(Id, scope, supportedBy));
        }
        else
        {
            state.State = S with { Consents = [.. S.Consents.Where(c => c.Scope != scope)], Version = S.Version + 1 };
            RaiseEvent(new ConsentWithdrawn(Id, scope, supportedBy));
        }

        await state.WriteStateAsync();
    }

    public async Task<OwnProfileView> LinkSupporter(Actor actor, Guid supporterId, string relationship)
    {
        // Only the person chooses who supports them; a supporter cannot add another.
        if (actor.PersonId != Id || actor.SupportedBy is not null)
        {
            throw DomainException.Forbidden("Only the person themselves can choose their supporters.");
        }

        if (supporterId == Id || supporterId == Guid.Empty)
        {
            throw DomainException.Invalid("supporterId", "A supporter is someone else.");
        }

        var text = Text.Required(relationship, "relationship");
        if (S.Supporters.Count >= MaxSupporters && S.Supporters.All(s => s.SupporterId != supporterId))
        {
            throw DomainException.Conflict($"A person may link at most {MaxSupporters} supporters.");
        }

        state.State = S with
        {
            Supporters = [.. S.Supporters.Where(s => s.SupporterId != supporterId), new SupporterLink(supporterId, text, time.GetUtcNow())],
            Version = S.Version + 1,
        };
        RaiseEvent(new SupporterLinked(Id, supporterId, text));
        await state.WriteStateAsync();
        return Own().Value;
    }

    public async Task<OwnProfileView> UnlinkSupporter(Actor actor, Guid supporterId)
    {
        var linked = S.Supporters.Any(s => s.SupporterId == supporterId);
        if (actor.PersonId != Id)
        {
            // Signed in as themselves, a linked supporter may step back; anyone else is told nothing.
            if (actor.SupportedBy is not null || actor.PersonId != supporterId || !linked)
            {
                throw DomainException.NotFound("The person");
            }
        }
        else
        {
            EnsureSelfOrSupporter(actor);
            if (actor.SupportedBy is { } supporter && supporter != supporterId)
            {
                throw DomainException.Forbidden("A supporter may step back themselves but cannot remove another supporter.");
            }
        }

        if (!linked)
        {
            throw DomainException.NotFound("That supporter link");
        }

        state.State = S with { Supporters = [.. S.Supporters.Where(s => s.SupporterId != supporterId)], Version = S.Version + 1 };
        RaiseEvent(new SupporterUnlinked(Id, supporterId, actor.SupportedBy ?? actor.PersonId));
        await state.WriteStateAsync();
        return Own().Value;
    }

    public Task<bool> IsSupportedBy(Guid supporterId) => Task.FromResult(S.Supporters.Any(s => s.SupporterId == supporterId));

    public async Task Joined(ConsentScopeKind? kind, Guid id, bool isProject)
    {
        var next = isProject
            ? (S.Projects.Contains(id) ? S : S with { Projects = [.. S.Projects, id] })
            : kind == ConsentScopeKind.Network
                ? (S.Networks.Contains(id) ? S : S with { Networks = [.. S.Networks, id] })
                : (S.Organisations.Contains(id) ? S : S with { Organisations = [.. S.Organisations, id] });
        if (!ReferenceEquals(next, S))
        {
            state.State = next with { Version = S.Version + 1 };
            await state.WriteStateAsync();
        }
    }

    public async Task ParticipationRequested(Guid projectId, bool open)
    {
        if (open == S.Requests.Contains(projectId))
        {
            return;
        }

        state.State = S with { Requests = open ? [.. S.Requests, projectId] : [.. S.Requests.Where(p => p != projectId)], Version = S.Version + 1 };
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<Guid>> ParticipationRequests(Actor actor)
    {
        EnsureSelfOrSupporter(actor);
        return Task.FromResult<IReadOnlyList<Guid>>([.. S.Requests]);
    }

    private bool Consented(ConsentScope scope) => S.Consents.Any(c => c.Scope == scope);

    private void EnsureSelfOrSupporter(Actor actor)
    {
        if (actor.PersonId != Id)
        {
            throw DomainException.NotFound("The person");
        }

        // The actor resolver checks the link too; checking again here keeps the rule true for every caller.
        if (actor.SupportedBy is { } supporter && S.Supporters.All(s => s.SupporterId != supporter))
        {
            throw DomainException.Forbidden("You are not linked as a supporter of this person, so you cannot act with them.");
        }
    }

    private static void ValidateScope(ConsentScope scope)
    {
        if (!Enum.IsDefined(scope.Kind) || scope.Id == Guid.Empty)
        {
            throw DomainException.Invalid("scope", "scope must name an organisation or a network.");
        }
    }

    private static PersonProfile Validate(PersonProfile profile)
    {
        if (profile.ContactChannels.Any(c => !Enum.IsDefined(c)) || profile.CommunicationPreferences.Any(c => !Enum.IsDefined(c)))
        {
            throw DomainException.Invalid("profile", "profile holds an unknown contact channel or communication preference.");
        }

        return profile with
        {
            Name = Text.Required(profile.Name, "name"),
            PreferredName = Text.Optional(profile.PreferredName, "preferredName", Text.NameLength),
            Pronouns = Text.Optional(profile.Pronouns, "pronouns", 50),
            ContactDetails = Text.Optional(profile.ContactDetails, "contactDetails", 500),
            AccessNeeds = Text.Optional(profile.AccessNeeds, "accessNeeds"),
            ContactChannels = [.. profile.ContactChannels.Distinct()],
            CommunicationPreferences = [.. profile.CommunicationPreferences.Distinct()],
        };
    }

    private Versioned<OwnProfileView> Own() => new(
        new OwnProfileView(Id, S.Profile ?? new PersonProfile { Name = "" }, S.Supporters, S.Consents, S.Projects, S.Organisations, S.Networks, S.PendingConsents, S.ProfileSupportedBy),
        S.Version);
}
