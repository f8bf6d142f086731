using CoProduce.Gateway.Api;
using CoProduce.Grains.Projects;

namespace CoProduce.Gateway.Projects;

/// <summary>A new project.</summary>
/// <param name="OrganisationId">The organisation that runs it; you must be one of its admins or facilitators.</param>
/// <param name="NetworkId">The regional network it runs in, if any; the organisation must be a member.</param>
/// <param name="Name">A short name, up to 200 characters.</param>
/// <param name="Summary">What the project is about, in plain words, up to 4,000 characters.</param>
[ApiExample("""{"organisationId":"3f1c2d9e-5b7a-4c1e-9a0b-2d4e6f8a1b3c","name":"Better crisis support","summary":"Redesigning out-of-hours crisis support with the people who use it."}""")]
public sealed record CreateProject(Guid OrganisationId, string Name, Guid? NetworkId = null, string? Summary = null);

/// <summary>A person's role in a project.</summary>
/// <param name="Role">Contributor, Facilitator or Observer.</param>
[ApiExample("""{"role":"Contributor"}""")]
public sealed record SetParticipantRole(ProjectRole Role);

/// <summary>A move to another stage, and why.</summary>
/// <param name="Stage">PreProduction, Agenda, Decisions, Delivery, Evaluation, Feedback or Closed.</param>
/// <param name="Reason">Why the project moves, kept in its stage history.</param>
[ApiExample("""{"stage":"Agenda","reason":"Aims, scope and ground rules are agreed."}""")]
public sealed record ChangeStage(ProjectStage Stage, string Reason);

/// <summary>The written parts of pre-production, replaced together.</summary>
/// <param name="Aims">What the project wants to achieve, up to 50 entries.</param>
/// <param name="Scope">What can and cannot change.</param>
/// <param name="Commitment">What the organisation will do with the result.</param>
/// <param name="GroundRules">How the group works together, up to 50 entries.</param>
/// <param name="Recruitment">How contributors are being recruited, and whom the project still wants to reach.</param>
[ApiExample("""{"aims":["Shape how crisis support works at night"],"scope":{"negotiables":["Opening hours"],"nonNegotiables":["This year's overall budget"]},"commitment":"We will act on the recommendations or explain why not.","groundRules":["Everyone is an equal"],"recruitment":"Through the user network's pool."}""")]
public sealed record UpdatePreProduction(
    IReadOnlyList<string> Aims,
    ScopeText Scope,
    string? Commitment,
    IReadOnlyList<string> GroundRules,
    string? Recruitment);

/// <summary>What can and cannot change, said at the start so nobody is consulted on a decision already made.</summary>
/// <param name="Negotiables">What the group can change, up to 50 entries.</param>
/// <param name="NonNegotiables">What is fixed, and so not up for discussion, up to 50 entries.</param>
public sealed record ScopeText(IReadOnlyList<string> Negotiables, IReadOnlyList<string> NonNegotiables);

/// <summary>A proposed budget line.</summary>
/// <param name="Description">What the money is for, e.g. "Fees for 8 contributors, 6 sessions".</param>
/// <param name="Amount">Above 0, in whole pence or cents, e.g. 1250.50.</param>
/// <param name="Currency">An ISO 4217 code in capitals, e.g. GBP.</param>
/// <remarks>Money is a JSON number: "12" in quotes is a wrong type (400), as the API conventions say.</remarks>
[ApiExample("""{"description":"Fees for contributors: 6 sessions x 2 people","amount":600.00,"currency":"GBP"}""")]
public sealed record ProposeBudgetLine(string Description, decimal Amount, string Currency);

/// <summary>An access need of one participant.</summary>
/// <param name="PersonId">The participant the need belongs to (yourself, unless you facilitate).</param>
/// <param name="Need">The need in the person's own words, e.g. "Easy Read papers a week before".</param>
[ApiExample("""{"personId":"7a9b1c3d-5e7f-4a1b-8c2d-4e6f8a0b2c4d","need":"Papers in Easy Read a week before each session"}""")]
public sealed record RecordAccessNeed(Guid PersonId, string Need);

/// <summary>What was promised for an access need, and whether it was met.</summary>
/// <param name="AdjustmentPromised">The adjustment promised, or null for none yet.</param>
/// <param name="Met">Whether it was met; null until known.</param>
[ApiExample("""{"adjustmentPromised":"Easy Read papers sent 7 days ahead","met":true}""")]
public sealed record UpdateAdjustment(string? AdjustmentPromised, bool? Met);

/// <summary>One of your projects, as a list shows it.</summary>
/// <param name="Id">The project's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Summary">Its summary, if any.</param>
/// <param name="OrganisationId">The organisation that runs it.</param>
/// <param name="NetworkId">The network it runs in, if any.</param>
/// <param name="Stage">Its current stage.</param>
/// <param name="Role">Your role in it; null when you see it as staff of its organisation.</param>
public sealed record ProjectSummary(Guid Id, string Name, string? Summary, Guid OrganisationId, Guid? NetworkId, ProjectStage Stage, ProjectRole? Role);
