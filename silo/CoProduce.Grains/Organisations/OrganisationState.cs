namespace CoProduce.Grains.Organisations;

public sealed record OrganisationState
{
    public string? Name { get; init; }

    public OrganisationKind Kind { get; init; }

    public Dictionary<Guid, OrganisationMemberState> Members { get; init; } = [];

    public List<Guid> Networks { get; init; } = [];

    public List<Guid> Projects { get; init; } = [];

    /// <summary>Null until an admin sets them: the defaults apply.</summary>
    public OrganisationSettings? Settings { get; init; }

    public long Version { get; init; }
}

public sealed record OrganisationMemberState(string DisplayName, HashSet<OrganisationRole> Roles);
