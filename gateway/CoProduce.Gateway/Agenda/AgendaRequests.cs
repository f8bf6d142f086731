using CoProduce.Gateway.Api;
using CoProduce.Grains.Agenda;

namespace CoProduce.Gateway.Agenda;

/// <summary>An agenda item's words, when proposing or editing it.</summary>
/// <param name="Title">What the item is, in up to 200 characters.</param>
/// <param name="Description">More detail, up to 4,000 characters.</param>
/// <param name="EasyReadSummary">The item in Easy Read, up to 4,000 characters.</param>
[ApiExample("""{"title":"Nobody answers after 10pm","description":"Calls at night go to voicemail.","easyReadSummary":"At night nobody picks up the phone."}""")]
public sealed record ItemText(string Title, string? Description = null, string? EasyReadSummary = null);

/// <summary>How the group will rank the items.</summary>
/// <param name="Method">DotVote or RankedChoice.</param>
/// <param name="DotsPerPerson">For a dot vote, how many dots each person places (1-50).</param>
[ApiExample("""{"method":"DotVote","dotsPerPerson":5}""")]
public sealed record RankingSettings(RankingMethod Method, int? DotsPerPerson = null);

/// <summary>Your dots, replacing any you placed before.</summary>
/// <param name="Dots">Item id to number of dots; the total may not exceed the dots each person has.</param>
[ApiExample("""{"dots":{"3f1c2d9e-5b7a-4c1e-9a0b-2d4e6f8a1b3c":3,"7a9b1c3d-5e7f-4a1b-8c2d-4e6f8a0b2c4d":2}}""")]
public sealed record DotAllocation(IReadOnlyDictionary<Guid, int> Dots);

/// <summary>Your order, replacing any you gave before.</summary>
/// <param name="Order">Item ids, first choice first, each at most once.</param>
[ApiExample("""{"order":["3f1c2d9e-5b7a-4c1e-9a0b-2d4e6f8a1b3c","7a9b1c3d-5e7f-4a1b-8c2d-4e6f8a0b2c4d"]}""")]
public sealed record ItemOrder(IReadOnlyList<Guid> Order);

/// <summary>Your answer to the ranked agenda.</summary>
/// <param name="Agrees">True to agree, false to object.</param>
/// <param name="Comment">Why, in your words (optional, up to 4,000 characters).</param>
[ApiExample("""{"agrees":false,"comment":"Carers' item should come first."}""")]
public sealed record AgreementAnswer(bool Agrees, string? Comment = null);
