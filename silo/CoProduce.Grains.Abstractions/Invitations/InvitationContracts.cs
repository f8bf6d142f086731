using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Invitations;

[GenerateSerializer, Alias("coproduce.invitations.InvitationStatus")]
public enum InvitationStatus
{
    Open,
    Redeemed,
    Revoked,
    Expired,
}

[GenerateSerializer, Alias("coproduce.invitations.InvitationView"), Immutable]
public sealed record InvitationView(
    string Id,
    Guid ProjectId,
    ProjectRole Role,
    string? InviteeName,
    Guid IssuedBy,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    InvitationStatus Status,
    Guid? RedeemedBy);

/// <summary>What redeeming an invitation gives: the person it made (or joined) and the project.</summary>
[GenerateSerializer, Alias("coproduce.invitations.Redemption"), Immutable]
public sealed record Redemption(Guid PersonId, Guid ProjectId, ProjectRole Role);

/// <summary>
/// A single-use, expiring, revocable invitation to a project. The key is the SHA-256 of the code, so
/// the code itself is never stored.
/// </summary>
[Alias("coproduce.invitations.IInvitationGrain")]
public interface IInvitationGrain : IGrainWithStringKey
{
    Task<InvitationView> Issue(Actor actor, Guid projectId, ProjectRole role, string? inviteeName, DateTimeOffset expiresAt);

    /// <summary>Redeems once: as a new person (<paramref name="existingPerson"/> null) or as a signed-in one.</summary>
    Task<Redemption> Redeem(Guid? existingPerson);

    Task<InvitationView> Revoke(Actor actor);

    [ReadOnly]
    Task<InvitationView?> Peek();
}
