namespace CoProduce.Grains.People;

public sealed record ProfileSaved(Guid PersonId, Guid SavedBy, Guid? SupportedBy);

public sealed record ConsentGranted(Guid PersonId, ConsentScope Scope, Guid? SupportedBy);

public sealed record ConsentWithdrawn(Guid PersonId, ConsentScope Scope, Guid? SupportedBy);

public sealed record SupporterLinked(Guid PersonId, Guid SupporterId, string Relationship);

public sealed record SupporterUnlinked(Guid PersonId, Guid SupporterId);
