namespace CoProduce.Grains.People;

public sealed record PersonState
{
    public PersonProfile? Profile { get; init; }

    public List<SupporterLink> Supporters { get; init; } = [];

    public List<ConsentRecord> Consents { get; init; } = [];

    public List<Guid> Projects { get; init; } = [];

    public List<Guid> Organisations { get; init; } = [];

    public List<Guid> Networks { get; init; } = [];

    public long Version { get; init; }
}
