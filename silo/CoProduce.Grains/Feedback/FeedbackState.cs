using CoProduce.Grains.Common;

namespace CoProduce.Grains.Feedback;

public sealed record FeedbackState : VersionedState
{
    public Guid ProjectId { get; init; }

    public Guid DecisionId { get; init; }

    public string Summary { get; init; } = "";

    public string? Done { get; init; }

    public string? NotDone { get; init; }

    public List<Guid> ActionIds { get; init; } = [];

    public FeedbackStatus Status { get; init; }

    public List<Guid> Addressees { get; init; } = [];

    /// <summary>Each addressee's latest answer, by person id; earlier ones stay in the journal.</summary>
    public Dictionary<Guid, FeedbackResponse> Responses { get; init; } = [];

    public Guid CreatedBy { get; init; }

    public Guid? CreatedWith { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public Guid? PublishedBy { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }
}
