namespace CoProduce.Grains.People;

public sealed record ProfileSaved(Guid PersonId, Guid SavedBy, Guid? SupportedBy);

public sealed record ConsentGranted(Guid PersonId, ConsentScope Scope, Guid? SupportedBy);

public sealed record ConsentWithdrawn(Guid PersonId, ConsentScope Scope, Guid? SupportedBy);

public sealed record SupporterLinked(Guid PersonId, Guid SupporterId, string Relationship);

/// <summary>A supporter link ended; <c>By</c> is the person, or the supporter who stepped back.</summary>
public sealed record SupporterUnlinked(Guid PersonId, Guid SupporterId, Guid By);
