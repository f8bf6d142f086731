namespace CoProduce.Live;

public sealed record ProposeItemRequest(Guid ProjectId, string Title, string? Description = null, string? EasyReadSummary = null);

/// <summary>Edits an item if it is still at <see cref="ExpectedVersion"/>; otherwise the call fails and the caller reloads.</summary>
public sealed record EditItemRequest(Guid ProjectId, Guid ItemId, string Title, string? Description, string? EasyReadSummary, long ExpectedVersion);

public sealed record WithdrawItemRequest(Guid ProjectId, Guid ItemId, long ExpectedVersion);

/// <summary>Replaces the caller's dots (item id to count).</summary>
public sealed record PlaceDotsRequest(Guid ProjectId, IReadOnlyDictionary<Guid, int> Dots);

/// <summary>Replaces the caller's ordering of items (ranked choice), first preference first.</summary>
public sealed record ReorderRequest(Guid ProjectId, IReadOnlyList<Guid> Order);
