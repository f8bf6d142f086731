namespace CoProduce.Grains.People;

public sealed record PersonState
{
    public PersonProfile? Profile { get; init; }

    /// <summary>The supporter who last saved the profile while acting with the person; null when the person did.</summary>
    public Guid? ProfileSupportedBy { get; init; }

    /// <summary>The profile holds only the name an invitation gave; the person's first save needs no If-Match.</summary>
    public bool ProfileFromInvitation { get; init; }

    public List<SupporterLink> Supporters { get; init; } = [];

    public List<ConsentRecord> Consents { get; init; } = [];

    /// <summary>Supporters' consent changes waiting for the person to confirm them.</summary>
    public List<PendingConsentChange> PendingConsents { get; init; } = [];

    public List<Guid> Projects { get; init; } = [];

    public List<Guid> Organisations { get; init; } = [];

    public List<Guid> Networks { get; init; } = [];

    /// <summary>Projects that asked the person to take part and have not had an answer.</summary>
    public List<Guid> Requests { get; init; } = [];

    public long Version { get; init; }
}
