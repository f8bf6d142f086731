using CoProduce.Grains.Common;

namespace CoProduce.Grains.Delivery;

public sealed record DeliveryActionState : VersionedState
{
    public Guid ProjectId { get; init; }

    public string Title { get; init; } = "";

    public string? Description { get; init; }

    public Guid OwnerId { get; init; }

    public DateTimeOffset? DueDate { get; init; }

    public List<Guid> DecisionIds { get; init; } = [];

    public ActionStatus Status { get; init; }

    public string? DroppedReason { get; init; }

    public List<ActionStatusChange> History { get; init; } = [];

    public Guid CreatedBy { get; init; }

    public Guid? CreatedWith { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
