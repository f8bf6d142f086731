namespace CoProduce.Grains.Delivery;

/// <summary>A status change, who made it and why.</summary>
[GenerateSerializer, Alias("coproduce.delivery.ActionStatusChange"), Immutable]
public sealed record ActionStatusChange(ActionStatus From, ActionStatus To, string? Reason, Guid By, Guid? SupportedBy, DateTimeOffset At);

/// <summary>A delivery action as participants see it, with its status history.</summary>
[GenerateSerializer, Alias("coproduce.delivery.DeliveryActionView")]
public sealed record DeliveryActionView(
    Guid Id,
    Guid ProjectId,
    string Title,
    string? Description,
    Guid OwnerId,
    DateTimeOffset? DueDate,
    IReadOnlyList<Guid> DecisionIds,
    ActionStatus Status,
    string? DroppedReason,
    IReadOnlyList<ActionStatusChange> History,
    Guid CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
