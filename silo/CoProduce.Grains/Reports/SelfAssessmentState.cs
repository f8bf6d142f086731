namespace CoProduce.Grains.Reports;

public sealed record SelfAssessmentState
{
    /// <summary>Every rating, oldest first.</summary>
    public List<SelfAssessmentEntry> Entries { get; init; } = [];
}

/// <summary>A member rated the project on the ladder of co-production.</summary>
public sealed record SelfAssessmentRecorded(Guid ProjectId, SelfAssessmentEntry Entry);
