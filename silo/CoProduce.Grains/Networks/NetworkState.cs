namespace CoProduce.Grains.Networks;

public sealed record NetworkState
{
    public string? Name { get; init; }

    public List<Guid> Organisations { get; init; } = [];

    public List<Guid> Coordinators { get; init; } = [];

    public List<Guid> ContributorPool { get; init; } = [];

    public List<Guid> Projects { get; init; } = [];

    public Guid CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public long Version { get; init; }
}
