namespace CoProduce.Grains.Reports;

/// <summary>How much of each figure of people with lived experience the project's report has released (<see cref="ReportRelease"/>).</summary>
public sealed record ProjectPowerBalanceState
{
    /// <summary>How many releases there have been.</summary>
    public int Release { get; init; }

    /// <summary>By measure and month ("decisions.voter-share/2026-03"): the part released, not counting what is shown one by one.</summary>
    public Dictionary<string, ReleasedPart> Released { get; init; } = [];
}

/// <summary>The report released more of its figures of people with lived experience; the figures are in the report, not here.</summary>
public sealed record PowerBalanceReleased(Guid ProjectId, int Release, DateTimeOffset At);
