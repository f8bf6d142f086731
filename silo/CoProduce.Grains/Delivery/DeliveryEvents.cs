namespace CoProduce.Grains.Delivery;

public sealed record ActionCreated(
    Guid ActionId, Guid ProjectId, string Title, Guid OwnerId, DateTimeOffset? DueDate, IReadOnlyList<Guid> DecisionIds, Guid By, Guid? SupportedBy);

public sealed record ActionUpdated(
    Guid ActionId, Guid ProjectId, string Title, Guid OwnerId, DateTimeOffset? DueDate, IReadOnlyList<Guid> DecisionIds, Guid By, Guid? SupportedBy);

public sealed record ActionStatusChanged(Guid ActionId, Guid ProjectId, ActionStatusChange Change);
