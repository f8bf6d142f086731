using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Invitations;

public sealed record InvitationIssued(string InvitationId, Guid ProjectId, ProjectRole Role, Guid IssuedBy, Guid? SupportedBy, DateTimeOffset ExpiresAt);

public sealed record InvitationRedeemed(string InvitationId, Guid ProjectId, Guid PersonId, bool NewPerson);

/// <summary>Adding the person to the project failed after the invitation was claimed, so the claim was given back.</summary>
public sealed record InvitationRedemptionUndone(string InvitationId, Guid ProjectId, Guid PersonId);

public sealed record InvitationRevoked(string InvitationId, Guid ProjectId, Guid By, Guid? SupportedBy);
