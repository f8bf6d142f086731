using CoProduce.Gateway.Api;
using CoProduce.Grains.Feedback;

namespace CoProduce.Gateway.Feedback;

/// <summary>"You said, we did" for a closed decision: what people said, what was done and what will not be done, and why.</summary>
/// <param name="DecisionId">A closed decision of this project.</param>
/// <param name="Summary">What people said, up to 4,000 characters.</param>
/// <param name="Done">What was done (this or notDone is required), up to 4,000 characters.</param>
/// <param name="NotDone">What will not be done, and why, up to 4,000 characters.</param>
/// <param name="ActionIds">Delivery actions of this project that show it (up to 50).</param>
[ApiExample("""{"decisionId":"3f1c2d9e-5b7a-4c1e-9a0b-2d4e6f8a1b3c","summary":"You said nobody answers the crisis line after 10pm.","done":"From September two more call handlers work until midnight.","notDone":"We cannot staff it all night this year: the budget is fixed until April.","actionIds":["7a9b1c3d-5e7f-4a1b-8c2d-4e6f8a0b2c4d"]}""")]
public sealed record FeedbackRequest(
    Guid DecisionId,
    string Summary,
    string? Done = null,
    string? NotDone = null,
    IReadOnlyList<Guid>? ActionIds = null)
{
    public FeedbackSpec ToSpec() => new(DecisionId, Summary, Done, NotDone, ActionIds ?? []);
}

/// <summary>Your answer to feedback addressed to you; a later answer replaces yours.</summary>
/// <param name="SignOff">true: it says what happened; false: you challenge it.</param>
/// <param name="Comment">Why; required when challenging (up to 4,000 characters).</param>
[ApiExample("""{"signOff":false,"comment":"Midnight is still too early: most of my crises happen at 3am."}""")]
public sealed record FeedbackResponseRequest(bool SignOff, string? Comment = null);

/// <summary>A page of feedback entries, with the decisions overdue for feedback.</summary>
/// <param name="Items">The entries on this page, newest first.</param>
/// <param name="Offset">Where the page starts.</param>
/// <param name="Limit">The page size asked for.</param>
/// <param name="Total">How many entries there are.</param>
/// <param name="Overdue">Decisions closed more than overdueAfterDays ago without a published entry.</param>
/// <param name="OverdueAfterDays">The feedback deadline in days: the organisation's setting.</param>
public sealed record FeedbackPage(IReadOnlyList<FeedbackView> Items, int Offset, int Limit, int Total, IReadOnlyList<Guid> Overdue, int OverdueAfterDays);
