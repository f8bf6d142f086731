namespace CoProduce.Grains.Projects;

public sealed record ProjectCreated(Guid ProjectId, Guid OrganisationId, Guid? NetworkId, string Name, Guid CreatedBy, Guid? SupportedBy);

/// <summary>A participant added or their role changed. Nothing from their profile is recorded here.</summary>
public sealed record ParticipantSet(Guid ProjectId, Guid PersonId, ProjectRole Role, Guid By, Guid? SupportedBy, Guid? InvitedBy);

/// <summary>A facilitator asked a person to take part; they are not a participant until they accept.</summary>
public sealed record ParticipationRequested(Guid ProjectId, Guid PersonId, ProjectRole Role, Guid By, Guid? SupportedBy);

/// <summary>The person accepted (their supporter acting with them is named) and said what the project may see.</summary>
public sealed record ParticipationAccepted(Guid ProjectId, Guid PersonId, ProjectRole Role, bool ShowLivedExperience, bool CountInAggregates, Guid? SupportedBy);

/// <summary>The person declined a request to take part.</summary>
public sealed record ParticipationDeclined(Guid ProjectId, Guid PersonId, Guid? SupportedBy);

/// <summary>A participant changed what the project may see of them.</summary>
public sealed record ParticipationConsentChanged(Guid ProjectId, Guid PersonId, bool ShowLivedExperience, bool CountInAggregates, Guid? SupportedBy);

public sealed record StageChanged(Guid ProjectId, ProjectStage From, ProjectStage To, Guid By, Guid? SupportedBy, string Reason);

public sealed record PreProductionUpdated(Guid ProjectId, Guid By, Guid? SupportedBy);

public sealed record BudgetLineProposed(Guid ProjectId, Guid LineId, string Description, decimal Amount, string Currency, Guid By, Guid? SupportedBy);

public sealed record BudgetLineAgreed(Guid ProjectId, Guid LineId, Guid By, Guid? SupportedBy);

public sealed record AccessNeedRecorded(Guid ProjectId, Guid NeedId, Guid PersonId, Guid By, Guid? SupportedBy);

public sealed record AdjustmentUpdated(Guid ProjectId, Guid NeedId, string? AdjustmentPromised, bool? Met, Guid By, Guid? SupportedBy);

/// <summary>A participant was removed by a facilitator, or left (<see cref="By"/> is then the participant).</summary>
public sealed record ParticipantRemoved(Guid ProjectId, Guid PersonId, ProjectRole Role, Guid By, Guid? SupportedBy);
