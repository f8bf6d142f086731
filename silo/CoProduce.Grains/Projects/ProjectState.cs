namespace CoProduce.Grains.Projects;

public sealed record ProjectState
{
    public string? Name { get; init; }

    public string? Summary { get; init; }

    public Guid OrganisationId { get; init; }

    public Guid? NetworkId { get; init; }

    public ProjectStage Stage { get; init; }

    public List<StageChange> StageHistory { get; init; } = [];

    /// <summary>Who takes part: role, when and by whose invitation they joined, and what they consented to. Nothing from their profile is copied here.</summary>
    public Dictionary<Guid, ParticipantState> Participants { get; init; } = [];

    /// <summary>Open requests to take part, by the person asked.</summary>
    public Dictionary<Guid, PendingParticipation> Requests { get; init; } = [];

    public PreProduction PreProduction { get; init; } = new();

    public List<string> Invitations { get; init; } = [];

    public Guid CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public long Version { get; init; }
}

/// <summary>One participant as stored. <see cref="Consent"/> is null for rows stored before consents existed (read as none).</summary>
public sealed record ParticipantState(Guid PersonId, ProjectRole Role, DateTimeOffset JoinedAt, Guid? InvitedBy, ParticipationConsent? Consent);

/// <summary>An open request to take part, with the organisation's name as the requester saw it.</summary>
public sealed record PendingParticipation(ProjectRole Role, Guid RequestedBy, Guid? SupportedBy, DateTimeOffset RequestedAt, string OrganisationName);
