using CoProduce.Grains.Common;

namespace CoProduce.Grains.Recognition;

/// <summary>
/// What a person has agreed to for one project: to be named in its credits, to have a certificate of
/// involvement, or both, under the name they chose. Nothing is assumed: without this record neither happens.
/// </summary>
[GenerateSerializer, Alias("coproduce.recognition.RecognitionConsent"), Immutable]
public sealed record RecognitionConsent(Guid ProjectId, string Name, bool Credits, bool Certificate, DateTimeOffset GivenAt, Guid? SupportedBy);

/// <summary>
/// A supporter's change to a recognition consent, waiting for the person to confirm or reject it: giving or changing
/// consent (<see cref="Consent"/>), or withdrawing it (<see cref="Consent"/> null). Nothing changes until the person,
/// signed in as themselves, confirms it; the consent then names the supporter.
/// </summary>
[GenerateSerializer, Alias("coproduce.recognition.PendingRecognitionChange")]
public sealed record PendingRecognitionChange(Guid Id, Guid ProjectId, RecognitionConsent? Consent, Guid ProposedBy, DateTimeOffset ProposedAt) : IPendingChange;

/// <summary>The person's recognition choices, one per project, and supporters' changes waiting for them.</summary>
[GenerateSerializer, Alias("coproduce.recognition.RecognitionChoices")]
public sealed record RecognitionChoices(Guid PersonId, IReadOnlyList<RecognitionConsent> Consents, IReadOnlyList<PendingRecognitionChange> Pending);

/// <summary>
/// One person's recognition, keyed by the person's id: their consents to credits and certificates, and
/// the record of their contributions, derived on every read from the projects they take part in.
/// </summary>
[Alias("coproduce.recognition.IRecognitionGrain")]
public interface IRecognitionGrain : IGrainWithGuidKey
{
    /// <summary>The person's choices (the person, or a linked supporter acting with them).</summary>
    [ReadOnly]
    Task<Versioned<RecognitionChoices>> Choices(Actor actor);

    /// <summary>
    /// Gives or changes consent for one project the person takes part in; at least one of credits and certificate.
    /// A supporter acting with the person only proposes it: it waits under pending for the person to confirm.
    /// </summary>
    Task<Versioned<RecognitionChoices>> Consent(Actor actor, Guid projectId, string name, bool credits, bool certificate);

    /// <summary>
    /// Withdraws consent for one project: the person leaves its credits and its certificate at once. A supporter acting
    /// with the person only proposes it: it waits under pending for the person to confirm.
    /// </summary>
    Task<Versioned<RecognitionChoices>> Withdraw(Actor actor, Guid projectId);

    /// <summary>Confirms a supporter's pending change (the person only, not a supporter); it then applies, naming the supporter.</summary>
    Task<Versioned<RecognitionChoices>> ConfirmChange(Actor actor, Guid changeId);

    /// <summary>Rejects a supporter's pending change, or (as the supporter who proposed it) withdraws it; nothing changes.</summary>
    Task<Versioned<RecognitionChoices>> RejectChange(Actor actor, Guid changeId);

    /// <summary>The consent for one project, or null; for the project's credits and certificates.</summary>
    // Always interleaved: a plain read of state, asked while the project's grain may be waiting on this one.
    [AlwaysInterleave]
    Task<RecognitionConsent?> ConsentFor(Guid projectId);

    /// <summary>The person's own record of contributions (the person, or a linked supporter acting with them).</summary>
    [ReadOnly]
    Task<ContributionRecord> Mine(Actor actor);

    /// <summary>
    /// The record in the organisation's projects, for its staff while the person shares their profile
    /// with the organisation; 404 otherwise, whatever the reason.
    /// </summary>
    [ReadOnly]
    Task<ContributionRecord> ForOrganisation(Actor actor, Guid organisationId);

    /// <summary>
    /// The record in the network's projects, for its coordinators while the person shares their profile
    /// with the network; 404 otherwise, whatever the reason.
    /// </summary>
    [ReadOnly]
    Task<ContributionRecord> ForNetwork(Actor actor, Guid networkId);
}

/// <summary>A session facilitators record: who came and for how long (until live sessions record it themselves).</summary>
[GenerateSerializer, Alias("coproduce.recognition.SessionSpec")]
public sealed record SessionSpec(string Title, DateOnly HeldOn, decimal Hours, IReadOnlyList<Guid> Attendees);

/// <summary>A recorded session.</summary>
[GenerateSerializer, Alias("coproduce.recognition.SessionRecord")]
public sealed record SessionRecord(Guid Id, string Title, DateOnly HeldOn, decimal Hours, IReadOnlyList<Guid> Attendees, Guid RecordedBy, Guid? SupportedBy, DateTimeOffset RecordedAt);

/// <summary>One name in a project's credits.</summary>
[GenerateSerializer, Alias("coproduce.recognition.Credit"), Immutable]
public sealed record Credit(string Name, Projects.ProjectRole Role);

/// <summary>The credits for a project's outputs: everyone who consented, by the name they chose, in name order.</summary>
[GenerateSerializer, Alias("coproduce.recognition.CreditsList")]
public sealed record CreditsList(Guid ProjectId, string ProjectName, IReadOnlyList<Credit> Credits);

/// <summary>What a certificate of involvement says.</summary>
[GenerateSerializer, Alias("coproduce.recognition.Certificate")]
public sealed record Certificate(
    Guid ProjectId,
    string ProjectName,
    Guid PersonId,
    string Name,
    Projects.ProjectRole Role,
    DateTimeOffset From,
    DateTimeOffset IssuedAt,
    ProjectContribution Contribution);

/// <summary>A project's recognition, keyed by the project's id: the sessions held, its credits and its certificates.</summary>
[Alias("coproduce.recognition.IProjectRecognitionGrain")]
public interface IProjectRecognitionGrain : IGrainWithGuidKey
{
    /// <summary>Records a session and who attended it (facilitators); attendees must take part in the project.</summary>
    Task<SessionRecord> RecordSession(Actor actor, SessionSpec spec);

    /// <summary>The sessions recorded, newest first (facilitators).</summary>
    [ReadOnly]
    Task<IReadOnlyList<SessionRecord>> Sessions(Actor actor);

    /// <summary>The sessions a person attended, oldest first; the caller has already been let in.</summary>
    // Always interleaved: a plain read of state, asked while the person's grain may be waiting on this one.
    [AlwaysInterleave]
    Task<IReadOnlyList<SessionRecord>> AttendedBy(Guid personId);

    /// <summary>The credits, for anyone who can see the project; a withdrawn consent drops the name at once.</summary>
    [ReadOnly]
    Task<CreditsList> Credits(Actor actor);

    /// <summary>
    /// A person's certificate, for the person (or their supporter) and the project's facilitators, only
    /// while the person consents to it; 404 otherwise.
    /// </summary>
    [ReadOnly]
    Task<Certificate> Certificate(Actor actor, Guid personId);
}
