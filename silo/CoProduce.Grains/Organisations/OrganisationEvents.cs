namespace CoProduce.Grains.Organisations;

public sealed record OrganisationCreated(Guid OrganisationId, string Name, OrganisationKind Kind, Guid CreatedBy);

public sealed record OrganisationRolesChanged(Guid OrganisationId, Guid PersonId, IReadOnlyList<OrganisationRole> Roles, Guid ChangedBy);
