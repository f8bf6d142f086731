namespace CoProduce.Grains.Organisations;

public sealed record OrganisationCreated(Guid OrganisationId, string Name, OrganisationKind Kind, Guid CreatedBy);

public sealed record OrganisationSettingsChanged(Guid OrganisationId, OrganisationSettings Settings, Guid ChangedBy, Guid? SupportedBy);

public sealed record OrganisationRolesChanged(Guid OrganisationId, Guid PersonId, IReadOnlyList<OrganisationRole> Roles, Guid ChangedBy);
