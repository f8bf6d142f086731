using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Invitations;

/// <summary>An invitation as stored: never the code, only what it grants and what became of it.</summary>
public sealed record InvitationState
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

    public long Version { get; init; }
}
