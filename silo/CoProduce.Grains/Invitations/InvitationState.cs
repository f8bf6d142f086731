using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Invitations;

/// <summary>An invitation as stored: never the code, only what it grants and what became of it.</summary>
public sealed record InvitationState : VersionedState
{
    public Guid ProjectId { get; init; }

    public ProjectRole Role { get; init; }

    public string? InviteeName { get; init; }

    public Guid IssuedBy { get; init; }

    public DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Open, Redeemed or Revoked; Expired is worked out from the time when read.</summary>
    public InvitationStatus Status { get; init; }

    public Guid? RedeemedBy { get; init; }

    public DateTimeOffset? RedeemedAt { get; init; }

    /// <summary>
    /// The person made for a redemption that failed part way (and was given back): the next redemption without sign-in
    /// joins as them, so that sending a redeem again never makes a second person for one invitation.
    /// </summary>
    public Guid? PendingPerson { get; init; }
}
