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

    /// <summary>Supporters' changes waiting for the person, oldest first; withdrawing consent deletes them with the data.</summary>
    public List<PendingDiversityChange> Pending { get; init; } = [];
}

public sealed record ProjectRepresentationState
{
    public List<RepresentationTarget> Targets { get; init; } = [];

    public Guid? SetBy { get; init; }

    public DateTimeOffset? SetAt { get; init; }

    /// <summary>The targets' version (their ETag); publishing a snapshot does not change it.</summary>
    public long Version { get; init; }

    /// <summary>The last published snapshot; null until the threshold of people have consented to be counted.</summary>
    public PublishedRepresentation? Published { get; init; }
}

/// <summary>
/// A published snapshot: only counts, already suppressed, and for each person counted a stamp that changes when
/// what they said changes (never the answers themselves), so the next release can tell how many people changed.
/// </summary>
public sealed record PublishedRepresentation
{
    public int Release { get; init; }

    public DateTimeOffset PublishedAt { get; init; }

    public Dictionary<Guid, string> Stamps { get; init; } = [];

    public int Contributors { get; init; }

    public int? ContributorsGivingData { get; init; }

    public List<CharacteristicAggregate> Aggregates { get; init; } = [];

    public List<GroupCount> Groups { get; init; } = [];
}

/// <summary>How many counted contributors speak for one group.</summary>
public sealed record GroupCount(Guid NetworkId, Guid GroupId, int Count);
