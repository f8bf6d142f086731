using CoProduce.Journal.State;
using CoProduce.Grains.Common;
using CoProduce.Grains.People;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Invitations;

/// <summary>
/// One invitation, keyed by the SHA-256 of its code. Requests take turns, so of two people redeeming
/// the same code at once exactly one gets in; the other finds it already used.
/// </summary>
[GrainType("invitation")]
public sealed class InvitationGrain(
    [JournaledState("invitation")] IJournaledState<InvitationState> state,
    TimeProvider time) : JournaledGrain, IInvitationGrain
{
    private const string DefaultName = "Contributor";

    // The longest an invitation may stay open; the gateway offers 1 to 90 days.
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(90);

    private InvitationState S => state.State;

    private bool Exists => S.ProjectId != Guid.Empty;

    private string Id => this.GetPrimaryKeyString();

    public async Task<InvitationView> Issue(Actor actor, Guid projectId, ProjectRole role, string? inviteeName, DateTimeOffset expiresAt)
    {
        if (Exists)
        {
            throw DomainException.Conflict("This invitation already exists.");
        }

        if (Id.Length != 64 || !Id.All(char.IsAsciiHexDigitLower))
        {
            throw DomainException.Invalid("id", "An invitation's id is the lower-case hex SHA-256 of its code.");
        }

        var project = GrainFactory.GetGrain<IProjectGrain>(projectId);
        await project.EnsureCanFacilitate(actor, "Only the project's facilitators can invite people.");
        if (!Enum.IsDefined(role))
        {
            throw DomainException.Invalid("role", "role must be Contributor, Facilitator or Observer.");
        }

        var name = Text.Optional(inviteeName, "inviteeName", Text.NameLength);
        var now = time.GetUtcNow();
        if (expiresAt <= now || expiresAt > now + MaxLifetime)
        {
            throw DomainException.Invalid("expiresAt", $"An invitation must expire after now and within {MaxLifetime.TotalDays} days.");
        }

        RaiseEvent(new InvitationIssued(Id, projectId, role, actor.PersonId, actor.SupportedBy, expiresAt));
        await state.Commit(new InvitationState
        {
            ProjectId = projectId,
            Role = role,
            InviteeName = name,
            IssuedBy = actor.PersonId,
            IssuedAt = now,
            ExpiresAt = expiresAt,
            Status = InvitationStatus.Open,
        });
        await project.InvitationIssued(Id);
        return View();
    }

    public async Task<Redemption> Redeem(Guid? existingPerson)
    {
        if (!Exists)
        {
            throw Unknown();
        }

        // Someone who already redeemed it and asks again (a second click) is simply told where they are.
        if (S.Status == InvitationStatus.Redeemed && existingPerson is { } again && again == S.RedeemedBy)
        {
            return new Redemption(again, S.ProjectId, S.Role);
        }

        EnsureOpen();
        if (existingPerson == Guid.Empty)
        {
            throw DomainException.Invalid("personId", "A signed-in person needs a person id.");
        }

        var project = GrainFactory.GetGrain<IProjectGrain>(S.ProjectId);
        if (existingPerson is { } signedIn && await project.RoleOf(signedIn) is not null)
        {
            throw DomainException.Conflict("You already take part in this project; the invitation is left open for the person it was meant for.");
        }

        // A redemption that failed part way may have got its person into the project already (the project wrote, then
        // something after it failed): the next one joins as that same person and finishes, never as a second one.
        var resumed = existingPerson is null ? S.PendingPerson : null;
        var personId = existingPerson ?? resumed ?? Guid.NewGuid();
        await Claim(personId, isNew: existingPerson is null);
        try
        {
            var person = GrainFactory.GetGrain<IPersonGrain>(personId);
            // A display name from the start, so facilitators and the group can greet them (kept when a profile exists).
            await person.StartInvitedProfile(S.InviteeName ?? DefaultName);

            if (resumed is not null && await project.RoleOf(personId) is not null)
            {
                // Admitted by the earlier attempt; what may not have happened after is the person's own list of projects.
                await person.Joined(null, S.ProjectId, isProject: true);
            }
            else
            {
                // Redeeming is the person's own act of joining; the project checks that it issued this invitation.
                await project.AdmitInvited(Id, personId, S.Role, S.IssuedBy);
            }
        }
        catch
        {
            await Release(personId, pending: existingPerson is null);
            throw;
        }

        return new Redemption(personId, S.ProjectId, S.Role);
    }

    public async Task<InvitationView> Revoke(Actor actor)
    {
        if (!Exists)
        {
            throw DomainException.NotFound("The invitation");
        }

        await GrainFactory.EnsureCanFacilitate(actor, S.ProjectId, "Only the project's facilitators can revoke invitations.", notFound: "The invitation");
        if (S.Status == InvitationStatus.Redeemed)
        {
            throw DomainException.Conflict("This invitation was already used; change the person's part in the project instead.");
        }

        if (S.Status != InvitationStatus.Revoked)
        {
            RaiseEvent(new InvitationRevoked(Id, S.ProjectId, actor.PersonId, actor.SupportedBy));
            await state.Commit(S with { Status = InvitationStatus.Revoked });
        }

        return View();
    }

    public Task<InvitationView?> Peek()
    {
        if (!Exists)
        {
            DeactivateOnIdle();
        }

        return Task.FromResult(Exists ? View() : null);
    }

    /// <summary>
    /// A code nobody issued: the activation goes as soon as this call is done, so guessing codes (each one a
    /// different grain) costs no memory that stays.
    /// </summary>
    private DomainException Unknown()
    {
        DeactivateOnIdle();
        return DomainException.NotFound("The invitation");
    }

    /// <summary>
    /// Marks the invitation used before anyone is added, so that even two nodes racing on one code
    /// cannot both get in: the second write fails on the stored version.
    /// </summary>
    private async Task Claim(Guid personId, bool isNew)
    {
        RaiseEvent(new InvitationRedeemed(Id, S.ProjectId, personId, isNew));
        await state.Commit(S with { Status = InvitationStatus.Redeemed, RedeemedBy = personId, RedeemedAt = time.GetUtcNow() });
    }

    /// <summary>
    /// Gives the claim back when joining the project failed, so the invitee can try again; a person made for this
    /// redemption (<paramref name="pending"/>) is kept for the next one, which may find them in the project already.
    /// </summary>
    private async Task Release(Guid personId, bool pending)
    {
        RaiseEvent(new InvitationRedemptionUndone(Id, S.ProjectId, personId));
        await state.Commit(S with
        {
            Status = InvitationStatus.Open,
            RedeemedBy = null,
            RedeemedAt = null,
            PendingPerson = pending ? personId : S.PendingPerson,
        });
    }

    private void EnsureOpen()
    {
        switch (CurrentStatus())
        {
            case InvitationStatus.Redeemed:
                throw DomainException.Conflict("This invitation has already been used. Ask the person who invited you for a new one.");
            case InvitationStatus.Revoked:
                throw DomainException.Conflict("This invitation was withdrawn. Ask the person who invited you for a new one.");
            case InvitationStatus.Expired:
                throw DomainException.Conflict("This invitation has expired. Ask the person who invited you for a new one.");
        }
    }

    private InvitationStatus CurrentStatus() =>
        S.Status == InvitationStatus.Open && time.GetUtcNow() >= S.ExpiresAt ? InvitationStatus.Expired : S.Status;

    private InvitationView View() =>
        new(Id, S.ProjectId, S.Role, S.InviteeName, S.IssuedBy, S.IssuedAt, S.ExpiresAt, CurrentStatus(), S.RedeemedBy);
}
