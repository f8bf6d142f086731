namespace CoProduce.Grains.People;

public sealed record ProfileSaved(Guid PersonId, Guid SavedBy, Guid? SupportedBy);

public sealed record ConsentGranted(Guid PersonId, ConsentScope Scope, Guid? SupportedBy);

public sealed record ConsentWithdrawn(Guid PersonId, ConsentScope Scope, Guid? SupportedBy);

public sealed record SupporterLinked(Guid PersonId, Guid SupporterId, string Relationship);

/// <summary>A supporter link ended; <c>By</c> is the person, or the supporter who stepped back.</summary>
public sealed record SupporterUnlinked(Guid PersonId, Guid SupporterId, Guid By);

/// <summary>A supporter proposed giving or withdrawing a consent; it waits for the person.</summary>
public sealed record ConsentChangeProposed(Guid PersonId, Guid ChangeId, ConsentScope Scope, bool Grant, Guid ProposedBy);

/// <summary>A supporter's proposed consent change was rejected (by the person) or withdrawn (by the supporter).</summary>
public sealed record ConsentChangeRejected(Guid PersonId, Guid ChangeId, Guid ProposedBy, Guid By);
