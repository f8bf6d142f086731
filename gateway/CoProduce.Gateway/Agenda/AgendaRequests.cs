using CoProduce.Grains.Agenda;

namespace CoProduce.Gateway.Agenda;

/// <summary>An agenda item's words, when proposing or editing it.</summary>
/// <param name="Title">What the item is, in up to 200 characters.</param>
/// <param name="Description">More detail, up to 4,000 characters.</param>
/// <param name="EasyReadSummary">The item in Easy Read, up to 4,000 characters.</param>
public sealed record ItemText(string Title, string? Description = null, string? EasyReadSummary = null);

/// <summary>How the group will rank the items.</summary>
/// <param name="Method">DotVote or RankedChoice.</param>
/// <param name="DotsPerPerson">For a dot vote, how many dots each person places (1-50).</param>
public sealed record RankingSettings(RankingMethod Method, int? DotsPerPerson = null);

/// <summary>Your dots, replacing any you placed before.</summary>
/// <param name="Dots">Item id to number of dots; the total may not exceed the dots each person has.</param>
public sealed record DotAllocation(IReadOnlyDictionary<Guid, int> Dots);

/// <summary>Your order, replacing any you gave before.</summary>
/// <param name="Order">Item ids, first choice first, each at most once.</param>
public sealed record ItemOrder(IReadOnlyList<Guid> Order);

/// <summary>Your answer to the ranked agenda.</summary>
/// <param name="Agrees">True to agree, false to object.</param>
/// <param name="Comment">Why, in your words (optional, up to 4,000 characters).</param>
public sealed record AgreementAnswer(bool Agrees, string? Comment = null);
