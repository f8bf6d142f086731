namespace CoProduce.Grains.Recognition;

/// <summary>Consent given or changed for one project's credits and certificate.</summary>
public sealed record RecognitionConsentGiven(Guid PersonId, Guid ProjectId, bool Credits, bool Certificate, Guid? SupportedBy);

/// <summary>Consent withdrawn: the person is in neither the project's credits nor a certificate from now on.</summary>
public sealed record RecognitionConsentWithdrawn(Guid PersonId, Guid ProjectId, Guid? SupportedBy);

/// <summary>A supporter proposed a change to a consent (<paramref name="Grant"/> false: withdrawing it); it waits for the person.</summary>
public sealed record RecognitionChangeProposed(Guid PersonId, Guid ChangeId, Guid ProjectId, bool Grant, Guid ProposedBy);

/// <summary>A pending change was rejected by the person, or withdrawn by the supporter who proposed it.</summary>
public sealed record RecognitionChangeRejected(Guid PersonId, Guid ChangeId, Guid ProposedBy, Guid By);

/// <summary>A session recorded with the people who attended it.</summary>
public sealed record SessionRecorded(Guid ProjectId, Guid SessionId, DateOnly HeldOn, decimal Hours, IReadOnlyList<Guid> Attendees, Guid By, Guid? SupportedBy);
