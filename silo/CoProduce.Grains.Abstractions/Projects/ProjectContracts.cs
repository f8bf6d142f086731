using CoProduce.Grains.Common;

namespace CoProduce.Grains.Projects;

/// <summary>The lifecycle; stages may loop back (e.g. from decisions to agenda).</summary>
[GenerateSerializer, Alias("coproduce.projects.ProjectStage")]
public enum ProjectStage
{
    PreProduction,
    Agenda,
    Decisions,
    Delivery,
    Evaluation,
    Feedback,
    Closed,
}

/// <summary>A person's role in one project.</summary>
[GenerateSerializer, Alias("coproduce.projects.ProjectRole")]
public enum ProjectRole
{
    Contributor,
    Facilitator,
    Observer,
}

/// <summary>
/// A participant as the project shows them. The display name is read from the person's profile as it is now.
/// Lived experience is null unless the reader facilitates the project and the person agreed to show it here.
/// </summary>
[GenerateSerializer, Alias("coproduce.projects.Participant"), Immutable]
public sealed record Participant(Guid PersonId, string DisplayName, ProjectRole Role, bool? LivedExperience, DateTimeOffset JoinedAt, Guid? InvitedBy);

/// <summary>
/// What a participant lets one project know beyond their name and role. Both are off until the person (or their
/// supporter acting with them) turns them on, and either may be turned off again at any time.
/// </summary>
/// <param name="ShowLivedExperience">Whether the project's facilitators may see, person by person, that they have lived experience.</param>
/// <param name="CountInAggregates">Whether their diversity answers and the groups they speak for are counted in this project's aggregates.</param>
[GenerateSerializer, Alias("coproduce.projects.ParticipationConsent"), Immutable]
public sealed record ParticipationConsent(bool ShowLivedExperience, bool CountInAggregates)
{
    public static ParticipationConsent None { get; } = new(false, false);
}

/// <summary>
/// A request to take part in a project, as the person asked sees it: who asks, for which organisation, in
/// what role, and what the project will see of them if they accept. Nothing is read into the project until they do.
/// </summary>
[GenerateSerializer, Alias("coproduce.projects.ParticipationRequest")]
public sealed record ParticipationRequest(
    Guid ProjectId,
    string ProjectName,
    Guid OrganisationId,
    string OrganisationName,
    ProjectRole Role,
    Guid RequestedBy,
    Guid? SupportedBy,
    DateTimeOffset RequestedAt,
    IReadOnlyList<string> WhatTheProjectSees);

/// <summary>A participant as aggregates count them: role and consent, nothing from their profile.</summary>
[GenerateSerializer, Alias("coproduce.projects.ProjectMember"), Immutable]
public sealed record ProjectMember(Guid PersonId, ProjectRole Role, ParticipationConsent Consent);

[GenerateSerializer, Alias("coproduce.projects.StageChange"), Immutable]
public sealed record StageChange(ProjectStage From, ProjectStage To, Guid By, Guid? SupportedBy, string Reason, DateTimeOffset At);

/// <summary>What can and cannot change, said at the start so nobody is consulted on a decision already made.</summary>
[GenerateSerializer, Alias("coproduce.projects.Scope")]
public sealed record Scope(IReadOnlyList<string> Negotiables, IReadOnlyList<string> NonNegotiables);

/// <summary>
/// A proposed budget line and who agreed to it. Where a supporter acted with someone, the line names both:
/// <see cref="SupportedBy"/> for the proposer, <see cref="AgreedWith"/> (person id to supporter id) for agreements.
/// </summary>
[GenerateSerializer, Alias("coproduce.projects.BudgetLine")]
public sealed record BudgetLine(
    Guid Id, string Description, decimal Amount, string Currency, Guid ProposedBy, IReadOnlyList<Guid> AgreedBy,
    Guid? SupportedBy = null, IReadOnlyDictionary<Guid, Guid>? AgreedWith = null);

/// <summary>
/// One person's access need, who recorded it and, when a supporter acted with them, the supporter
/// (<see cref="SupportedBy"/>).
/// </summary>
[GenerateSerializer, Alias("coproduce.projects.AccessNeed"), Immutable]
public sealed record AccessNeed(Guid Id, Guid PersonId, string Need, string? AdjustmentPromised, bool? Met, Guid RecordedBy, Guid? SupportedBy = null);

/// <summary>Pre-production: aims, scope, the organisation's commitment, budget, ground rules and access plan.</summary>
[GenerateSerializer, Alias("coproduce.projects.PreProduction")]
public sealed record PreProduction
{
    [Id(0)]
    public IReadOnlyList<string> Aims { get; init; } = [];

    [Id(1)]
    public Scope Scope { get; init; } = new([], []);

    /// <summary>What the organisation will do with the result.</summary>
    [Id(2)]
    public string? Commitment { get; init; }

    [Id(3)]
    public IReadOnlyList<string> GroundRules { get; init; } = [];

    [Id(4)]
    public IReadOnlyList<BudgetLine> Budget { get; init; } = [];

    [Id(5)]
    public IReadOnlyList<AccessNeed> AccessPlan { get; init; } = [];

    /// <summary>How contributors are being recruited, and whom the project still wants to reach.</summary>
    [Id(6)]
    public string? Recruitment { get; init; }
}

[GenerateSerializer, Alias("coproduce.projects.ProjectView")]
public sealed record ProjectView(
    Guid Id,
    Guid OrganisationId,
    Guid? NetworkId,
    string Name,
    string? Summary,
    ProjectStage Stage,
    IReadOnlyList<StageChange> StageHistory,
    IReadOnlyList<Participant> Participants,
    PreProduction PreProduction,
    Guid CreatedBy,
    DateTimeOffset CreatedAt);

/// <summary>A project's name and where it belongs.</summary>
[GenerateSerializer, Alias("coproduce.projects.ProjectHeader"), Immutable]
public sealed record ProjectHeader(Guid Id, Guid OrganisationId, Guid? NetworkId, string Name);

/// <summary>The parts of pre-production that are written as text and edited together (each under If-Match).</summary>
[GenerateSerializer, Alias("coproduce.projects.PreProductionText")]
public sealed record PreProductionText(IReadOnlyList<string> Aims, Scope Scope, string? Commitment, IReadOnlyList<string> GroundRules, string? Recruitment);

/// <summary>A co-produced project, from pre-production to feedback.</summary>
[Alias("coproduce.projects.IProjectGrain")]
public interface IProjectGrain : IGrainWithGuidKey
{
    /// <summary>Creates the project in pre-production; the creator (organisation admin or facilitator) facilitates it.</summary>
    Task<ProjectView> Create(Actor actor, Guid organisationId, Guid? networkId, string name, string? summary);

    /// <summary>The project for its participants and its organisation's staff; 404 for anyone else.</summary>
    Task<Versioned<ProjectView>> Get(Actor actor);

    /// <summary>The person's role here; null when they take no part (or the project does not exist).</summary>
    [ReadOnly]
    Task<ProjectRole?> RoleOf(Guid personId);

    /// <summary>The project's name and organisation with no access check (for reports and settings); null when it does not exist.</summary>
    [ReadOnly]
    Task<ProjectHeader?> Header();

    /// <summary>Whether the person may see the project: a participant, or staff of its organisation.</summary>
    [ReadOnly]
    Task<ProjectAccess> AccessOf(Guid personId);

    /// <summary>
    /// Changes the role of someone already taking part (facilitators). Nobody is added this way: adding a person
    /// is <see cref="RequestParticipation"/>, which they answer, or their redeeming an invitation.
    /// </summary>
    Task<ProjectView> SetParticipant(Actor actor, Guid personId, ProjectRole role);

    /// <summary>
    /// Asks a person to take part (facilitators). They see the request under /api/me and become a participant
    /// only by accepting it; asking again replaces the role asked for.
    /// </summary>
    Task<ParticipationRequest> RequestParticipation(Actor actor, Guid personId, ProjectRole role);

    /// <summary>The open request to this person, or null; no access check (the caller is the person or the gateway acting for them).</summary>
    [ReadOnly]
    Task<ParticipationRequest?> RequestFor(Guid personId);

    /// <summary>The person (or their supporter acting with them) accepts the request and says what the project may see.</summary>
    Task<Versioned<ProjectView>> AcceptParticipation(Actor actor, ParticipationConsent consent);

    /// <summary>The person (or their supporter acting with them) declines the request; nothing of theirs was read.</summary>
    Task DeclineParticipation(Actor actor);

    /// <summary>Adds the person who redeemed an invitation issued for this project (called by the invitation grain).</summary>
    Task AdmitInvited(string invitationId, Guid personId, ProjectRole role, Guid invitedBy);

    /// <summary>The participant's own consent here (the person, or their supporter acting with them); 404 for anyone else.</summary>
    [ReadOnly]
    Task<ParticipationConsent> ConsentOf(Actor actor);

    /// <summary>Changes the participant's own consent here (the person, or their supporter acting with them).</summary>
    Task<ParticipationConsent> SetConsent(Actor actor, ParticipationConsent consent);

    /// <summary>
    /// Removes a participant (facilitators of the project, and its organisation's admins and facilitators), or lets
    /// a participant leave (the person themselves, or their supporter with them). 404 when they are not a participant,
    /// 409 for the last facilitator (make someone else a facilitator first) and in a closed project. What they did in
    /// the project stays; they leave its live session at once.
    /// </summary>
    Task RemoveParticipant(Actor actor, Guid personId);

    /// <summary>
    /// The project's organisation changed the person's staff roles to <paramref name="roles"/> (called by the organisation
    /// grain, which passes the roles so the project need not ask it back): the live session acts on what the person may
    /// now do here at once.
    /// </summary>
    Task OrganisationRolesChanged(Guid personId, IReadOnlySet<CoProduce.Grains.Organisations.OrganisationRole> roles);

    /// <summary>Moves to another stage (facilitators), with a reason; moving back is allowed, leaving Closed is not.</summary>
    Task<Versioned<ProjectView>> ChangeStage(Actor actor, ProjectStage to, string reason, long? expectedVersion);

    /// <summary>Replaces aims, scope, commitment, ground rules and recruitment notes (facilitators) under If-Match.</summary>
    Task<Versioned<ProjectView>> UpdatePreProduction(Actor actor, PreProductionText text, long expectedVersion);

    /// <summary>Proposes a budget line (any participant but observers).</summary>
    Task<Versioned<ProjectView>> ProposeBudgetLine(Actor actor, string description, decimal amount, string currency);

    /// <summary>Records that a participant agrees to a budget line.</summary>
    Task<Versioned<ProjectView>> AgreeBudgetLine(Actor actor, Guid lineId);

    /// <summary>Records an access need (the person themselves, their supporter, or a facilitator).</summary>
    Task<Versioned<ProjectView>> RecordAccessNeed(Actor actor, Guid personId, string need);

    /// <summary>Records the adjustment promised for a need and whether it was met (facilitators).</summary>
    Task<Versioned<ProjectView>> UpdateAdjustment(Actor actor, Guid needId, string? adjustmentPromised, bool? met);

    /// <summary>Records an invitation issued for this project (called by the invitation grain).</summary>
    Task InvitationIssued(string invitationId);

    [ReadOnly]
    Task<IReadOnlyList<string>> Invitations();

    /// <summary>The participants' roles and consents with no access check (for aggregates); empty when the project does not exist.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ProjectMember>> Members();
}

/// <summary>
/// How a person stands with a project: their project role (and the name the project knows them by, if they
/// are a participant and gave one), their staff roles at its organisation, or nothing. <see cref="ActingWith"/>
/// is set when a supporter acts with the person: they then take part, but never facilitate
/// (<see cref="Common.ActingWith"/>).
/// </summary>
[GenerateSerializer, Alias("coproduce.projects.ProjectAccess"), Immutable]
public sealed record ProjectAccess(
    bool Exists, ProjectRole? Role, bool IsOrganisationStaff, bool IsOrganisationAdmin, bool IsFacilitatingStaff, string? DisplayName = null, bool ActingWith = false)
{
    public bool CanSee => Exists && (Role is not null || IsOrganisationStaff);

    public bool CanFacilitate => Exists && !ActingWith && (Role == ProjectRole.Facilitator || IsOrganisationAdmin || IsFacilitatingStaff);
}
