namespace CoProduce.Grains.Projects;

public sealed record ProjectState
{
    public string? Name { get; init; }

    public string? Summary { get; init; }

    public Guid OrganisationId { get; init; }

    public Guid? NetworkId { get; init; }

    public ProjectStage Stage { get; init; }

    public List<StageChange> StageHistory { get; init; } = [];

    public Dictionary<Guid, Participant> Participants { get; init; } = [];

    public PreProduction PreProduction { get; init; } = new();

    public List<string> Invitations { get; init; } = [];

    public Guid CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public long Version { get; init; }
}
