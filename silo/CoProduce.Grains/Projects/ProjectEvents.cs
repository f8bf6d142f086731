namespace CoProduce.Grains.Projects;

public sealed record ProjectCreated(Guid ProjectId, Guid OrganisationId, Guid? NetworkId, string Name, Guid CreatedBy, Guid? SupportedBy);

public sealed record ParticipantSet(Guid ProjectId, Guid PersonId, ProjectRole Role, bool LivedExperience, Guid By, Guid? SupportedBy, Guid? InvitedBy);

public sealed record StageChanged(Guid ProjectId, ProjectStage From, ProjectStage To, Guid By, Guid? SupportedBy, string Reason);

public sealed record PreProductionUpdated(Guid ProjectId, Guid By, Guid? SupportedBy);

public sealed record BudgetLineProposed(Guid ProjectId, Guid LineId, string Description, decimal Amount, string Currency, Guid By, Guid? SupportedBy);

public sealed record BudgetLineAgreed(Guid ProjectId, Guid LineId, Guid By, Guid? SupportedBy);

public sealed record AccessNeedRecorded(Guid ProjectId, Guid NeedId, Guid PersonId, Guid By, Guid? SupportedBy);

public sealed record AdjustmentUpdated(Guid ProjectId, Guid NeedId, string? AdjustmentPromised, bool? Met, Guid By, Guid? SupportedBy);

/// <summary>A participant was removed by a facilitator, or left (<see cref="By"/> is then the participant).</summary>
public sealed record ParticipantRemoved(Guid ProjectId, Guid PersonId, ProjectRole Role, Guid By, Guid? SupportedBy);
