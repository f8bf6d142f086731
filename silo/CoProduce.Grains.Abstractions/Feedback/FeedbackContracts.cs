using CoProduce.Grains.Common;

namespace CoProduce.Grains.Feedback;

/// <summary>Where a feedback entry is.</summary>
[GenerateSerializer, Alias("coproduce.feedback.FeedbackStatus")]
public enum FeedbackStatus
{
    /// <summary>Being written; only facilitators see it.</summary>
    Draft,

    /// <summary>Sent to the people addressed, who may sign it off or challenge it.</summary>
    Published,
}

/// <summary>
/// "You said, we did" for one closed decision: what people said, what was done, and what will not be
/// done and why (at least one of the two), with the delivery actions that show it.
/// </summary>
[GenerateSerializer, Alias("coproduce.feedback.FeedbackSpec")]
public sealed record FeedbackSpec(
    Guid DecisionId,
    string Summary,
    string? Done,
    string? NotDone,
    IReadOnlyList<Guid> ActionIds);

/// <summary>An addressee's answer: signed off, or challenged with a comment.</summary>
[GenerateSerializer, Alias("coproduce.feedback.FeedbackResponse"), Immutable]
public sealed record FeedbackResponse(Guid PersonId, Guid? SupportedBy, bool SignOff, string? Comment, DateTimeOffset At);

/// <summary>A feedback entry; <see cref="Addressees"/> is fixed when it is published.</summary>
[GenerateSerializer, Alias("coproduce.feedback.FeedbackView")]
public sealed record FeedbackView(
    Guid Id,
    Guid ProjectId,
    Guid DecisionId,
    string Summary,
    string? Done,
    string? NotDone,
    IReadOnlyList<Guid> ActionIds,
    FeedbackStatus Status,
    IReadOnlyList<Guid> Addressees,
    IReadOnlyList<FeedbackResponse> Responses,
    Guid CreatedBy,
    DateTimeOffset CreatedAt,
    Guid? PublishedBy,
    DateTimeOffset? PublishedAt);

/// <summary>One "you said, we did" entry, keyed by its id; it records its project.</summary>
[Alias("coproduce.feedback.IFeedbackGrain")]
public interface IFeedbackGrain : IGrainWithGuidKey
{
    /// <summary>Writes a draft for a closed decision of <paramref name="projectId"/> (facilitators).</summary>
    Task<Versioned<FeedbackView>> Create(Actor actor, Guid projectId, FeedbackSpec spec);

    /// <summary>The entry: published ones for anyone who can see the project, drafts for facilitators; 404 otherwise.</summary>
    [ReadOnly]
    Task<Versioned<FeedbackView>> Get(Actor actor, Guid projectId);

    /// <summary>The entry for lists; null when it does not exist. The caller has already been let in.</summary>
    [ReadOnly]
    Task<FeedbackView?> Peek();

    /// <summary>
    /// Publishes the draft (facilitators), addressing it to the decision's voters (every contributor when the
    /// vote was anonymous) and to the proposers of the agenda items the decision took up, each once.
    /// </summary>
    Task<Versioned<FeedbackView>> Publish(Actor actor, Guid projectId);

    /// <summary>The caller, an addressee, signs the entry off or challenges it (a challenge needs a comment); a later answer replaces theirs.</summary>
    Task<Versioned<FeedbackView>> Respond(Actor actor, Guid projectId, bool signOff, string? comment);
}

/// <summary>A project's feedback entries and which closed decisions are overdue for feedback.</summary>
/// <param name="Ids">Entry ids, newest first: all for facilitators, published ones for everyone else.</param>
/// <param name="Overdue">Decisions closed more than <paramref name="OverdueAfterDays"/> days ago with no published entry.</param>
/// <param name="OverdueAfterDays">How many days after a decision closes its feedback is due: the organisation's setting.</param>
[GenerateSerializer, Alias("coproduce.feedback.FeedbackOverview")]
public sealed record FeedbackOverview(IReadOnlyList<Guid> Ids, IReadOnlyList<Guid> Overdue, int OverdueAfterDays);

/// <summary>The feedback of one project, keyed by the project's id; overdue by its organisation's setting.</summary>
[Alias("coproduce.feedback.IProjectFeedbackGrain")]
public interface IProjectFeedbackGrain : IGrainWithGuidKey
{
    /// <summary>Notes an entry being published for a decision (called by the feedback grain).</summary>
    Task Published(Guid feedbackId, Guid decisionId);

    /// <summary>The entries said to be published, with no access check (for reports); each entry's own state is the judge.</summary>
    [ReadOnly]
    Task<IReadOnlyList<Guid>> PublishedIds();

    /// <summary>The entries and the overdue decisions, for anyone who can see the project; 404 otherwise.</summary>
    [ReadOnly]
    Task<FeedbackOverview> Overview(Actor actor);
}

/// <summary>Where a person has been addressed: one entry of a project.</summary>
[GenerateSerializer, Alias("coproduce.feedback.FeedbackAddress"), Immutable]
public sealed record FeedbackAddress(Guid ProjectId, Guid FeedbackId);

/// <summary>The feedback entries addressed to one person, keyed by the person's id.</summary>
[Alias("coproduce.feedback.IPersonFeedbackGrain")]
public interface IPersonFeedbackGrain : IGrainWithGuidKey
{
    /// <summary>Notes that an entry was addressed to the person (called by the feedback grain).</summary>
    Task Add(FeedbackAddress address);

    /// <summary>The entries addressed to the person, newest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<FeedbackAddress>> List();
}
