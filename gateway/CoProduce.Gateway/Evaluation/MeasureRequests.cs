using CoProduce.Gateway.Api;
using CoProduce.Grains.Evaluation;

namespace CoProduce.Gateway.Evaluation;

/// <summary>A measure of success, when proposing or editing it.</summary>
/// <param name="Name">What the measure is called, up to 200 characters.</param>
/// <param name="WhatItMeasures">What it tells the group about the work, up to 4,000 characters.</param>
/// <param name="HowCollected">How and by whom it is collected, up to 4,000 characters.</param>
/// <param name="EasyReadSummary">The measure in Easy Read, up to 4,000 characters.</param>
[ApiExample("""{"name":"Calls answered at night","whatItMeasures":"Whether people get through to someone after 10pm.","howCollected":"Contributors keep a call diary for four weeks.","easyReadSummary":"Do people get an answer when they ring at night?"}""")]
public sealed record MeasureRequest(string Name, string WhatItMeasures, string HowCollected, string? EasyReadSummary = null)
{
    public MeasureText ToText() => new(Name, WhatItMeasures, HowCollected, EasyReadSummary);
}

/// <summary>Your answer to a measure, replacing any you gave before.</summary>
/// <param name="Endorses">True to endorse the measure, false to object to it.</param>
/// <param name="Comment">Why, in your words (optional, up to 4,000 characters).</param>
[ApiExample("""{"endorses":false,"comment":"A diary is a lot to ask; a weekly phone check-in would be easier."}""")]
public sealed record EndorsementRequest(bool Endorses, string? Comment = null);
