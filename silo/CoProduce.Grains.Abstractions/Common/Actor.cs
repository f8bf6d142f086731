namespace CoProduce.Grains.Common;

/// <summary>
/// Who is acting. <see cref="SupportedBy"/> is set when a supporter or advocate acts with the person
/// (never instead of them): the record then says both.
/// </summary>
[GenerateSerializer, Alias("coproduce.common.Actor"), Immutable]
public sealed record Actor(Guid PersonId, Guid? SupportedBy = null);
