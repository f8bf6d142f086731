using CoProduce.Gateway.Api;
using CoProduce.Grains.Delivery;

namespace CoProduce.Gateway.Delivery;

/// <summary>An action that follows from the project's decisions.</summary>
/// <param name="Title">What will be done, up to 200 characters.</param>
/// <param name="OwnerId">The person answerable for it: someone in the project.</param>
/// <param name="DecisionIds">The decisions (1-50) of this project that it serves.</param>
/// <param name="Description">More detail, up to 4,000 characters.</param>
/// <param name="DueDate">When it should be done.</param>
[ApiExample("""{"title":"Staff the phone line until midnight","ownerId":"7a9b1c3d-5e7f-4a1b-8c2d-4e6f8a0b2c4d","decisionIds":["3f1c2d9e-5b7a-4c1e-9a0b-2d4e6f8a1b3c"],"description":"Two more call handlers on the late shift.","dueDate":"2026-09-01T00:00:00Z"}""")]
public sealed record ActionRequest(
    string Title,
    Guid OwnerId,
    IReadOnlyList<Guid> DecisionIds,
    string? Description = null,
    DateTimeOffset? DueDate = null)
{
    public ActionSpec ToSpec() => new(Title, Description, OwnerId, DueDate, DecisionIds ?? []);
}

/// <summary>A new status for an action.</summary>
/// <param name="Status">Planned, InProgress, Done or Dropped.</param>
/// <param name="Reason">Why; required when dropping (up to 4,000 characters).</param>
[ApiExample("""{"status":"Dropped","reason":"The budget for late shifts was withdrawn; we will bring this back in April."}""")]
public sealed record ActionStatusRequest(ActionStatus Status, string? Reason = null);
