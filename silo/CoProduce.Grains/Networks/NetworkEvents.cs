namespace CoProduce.Grains.Networks;

public sealed record NetworkCreated(Guid NetworkId, string Name, Guid CreatedBy, Guid? SupportedBy);

public sealed record OrganisationJoinedNetwork(Guid NetworkId, Guid OrganisationId, Guid By, Guid? SupportedBy);

public sealed record CoordinatorAdded(Guid NetworkId, Guid PersonId, Guid By, Guid? SupportedBy);

public sealed record ContributorPooled(Guid NetworkId, Guid PersonId, Guid By, Guid? SupportedBy);
