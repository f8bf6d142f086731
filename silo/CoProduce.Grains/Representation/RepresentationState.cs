namespace CoProduce.Grains.Representation;

public sealed record NetworkGroupsState
{
    public List<NetworkGroup> Groups { get; init; } = [];

    public long Version { get; init; }
}

public sealed record SpeaksForState
{
    public string? InTheirWords { get; init; }

    public List<NamedGroup> Groups { get; init; } = [];

    /// <summary>The supporter who last set it while acting with the person; null when the person did.</summary>
    public Guid? SupportedBy { get; init; }

    public long Version { get; init; }
}

public sealed record DiversityState
{
    public List<DiversityAnswer> Answers { get; init; } = [];

    public DateTimeOffset? ConsentedAt { get; init; }

    public Guid? SupportedBy { get; init; }
}

public sealed record ProjectRepresentationState
{
    public List<RepresentationTarget> Targets { get; init; } = [];

    public Guid? SetBy { get; init; }

    public DateTimeOffset? SetAt { get; init; }

    public long Version { get; init; }
}
