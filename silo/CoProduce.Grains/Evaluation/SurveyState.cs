using CoProduce.Grains.Common;

namespace CoProduce.Grains.Evaluation;

/// <summary>
/// A response as kept. In an anonymous survey <see cref="PersonId"/> and <see cref="SupportedBy"/> are
/// always null and the response is filed under a keyed hash of the person, so nothing stored says who answered what.
/// </summary>
public sealed record StoredResponse(IReadOnlyList<Answer> Answers, Guid? PersonId, Guid? SupportedBy, DateTimeOffset At);

public sealed record SurveyState : VersionedState
{
    public Guid ProjectId { get; init; }

    public string Title { get; init; } = "";

    public string? Description { get; init; }

    public bool Anonymous { get; init; }

    public List<SurveyQuestion> Questions { get; init; } = [];

    public List<Guid> DecisionIds { get; init; } = [];

    public List<Guid> ActionIds { get; init; } = [];

    public SurveyStatus Status { get; init; }

    /// <summary>The per-survey salt that, with the nodes' <see cref="Common.AnonymityKey"/>, turns a person's id into the key of their response (anonymous surveys only).</summary>
    public string? RespondentKeySecret { get; init; }

    /// <summary>Responses by respondent key: the person's id, or in an anonymous survey a keyed hash of it.</summary>
    public Dictionary<string, StoredResponse> Responses { get; init; } = [];

    /// <summary>
    /// Writes made by responses while an anonymous survey is open, left out of the version shown (the ETag)
    /// until it closes, so a reader cannot count responses by watching the version move.
    /// </summary>
    public long ResponseWrites { get; init; }

    public Guid CreatedBy { get; init; }

    public Guid? CreatedWith { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public Guid? ClosedBy { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }
}
