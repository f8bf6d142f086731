namespace CoProduce.Grains.Feedback;

public sealed record FeedbackDrafted(Guid FeedbackId, Guid ProjectId, Guid DecisionId, IReadOnlyList<Guid> ActionIds, Guid By, Guid? SupportedBy);

public sealed record FeedbackPublished(Guid FeedbackId, Guid ProjectId, Guid DecisionId, IReadOnlyList<Guid> Addressees, Guid By, Guid? SupportedBy, DateTimeOffset At);

/// <summary>An addressee signed the entry off or challenged it.</summary>
public sealed record FeedbackResponded(Guid FeedbackId, Guid ProjectId, FeedbackResponse Response);
