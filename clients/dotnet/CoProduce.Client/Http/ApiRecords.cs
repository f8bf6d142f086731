using CoProduce.Live;

namespace CoProduce.Client.Http;

/// <summary>A decision to put to the group; <see cref="Method"/> is <c>Consent</c>, <c>ChooseOne</c>, <c>RankedChoice</c>, <c>DotVote</c>, <c>Score</c> or <c>TimePoll</c>.</summary>
public sealed record DecisionDraft(
    string Title,
    string Method,
    DateTimeOffset ClosesAt,
    IReadOnlyList<string>? Options = null,
    string? Description = null,
    bool Anonymous = false,
    bool HideResultsUntilClose = false,
    int? DotsPerPerson = null);

/// <summary>A decision as the API returns it (the parts a live client needs); <see cref="Results"/> is null while hidden.</summary>
public sealed record DecisionInfo(
    Guid Id,
    Guid ProjectId,
    string Title,
    string Method,
    IReadOnlyList<LiveOption> Options,
    string Status,
    int Voters,
    LiveTally? Results);
