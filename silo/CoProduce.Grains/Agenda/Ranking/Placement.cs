namespace CoProduce.Grains.Agenda.Ranking;

/// <summary>An item's place in an order, with the score that put it there.</summary>
internal sealed record Placement(Guid ItemId, decimal Score);
