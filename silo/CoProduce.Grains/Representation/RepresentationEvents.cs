namespace CoProduce.Grains.Representation;

/// <summary>A group added to a network's list.</summary>
public sealed record NetworkGroupAdded(Guid NetworkId, Guid GroupId, string Name, Guid By);

/// <summary>A person said who they speak for (what they said is in their state, not repeated here).</summary>
public sealed record SpeaksForSet(Guid PersonId, int Groups, Guid? SupportedBy);

/// <summary>Diversity data given with consent. What was given is never journalled, so withdrawing can delete it.</summary>
public sealed record DiversityDataGiven(Guid PersonId, Guid? SupportedBy);

/// <summary>Consent withdrawn and the diversity data deleted.</summary>
public sealed record DiversityDataDeleted(Guid PersonId, Guid? SupportedBy);

/// <summary>A supporter proposed new diversity data (<paramref name="Withdraw"/>: deleting it); it waits for the person. What they proposed is never journalled.</summary>
public sealed record DiversityChangeProposed(Guid PersonId, Guid ChangeId, bool Withdraw, Guid ProposedBy);

/// <summary>A supporter's proposed change was rejected by the person, or withdrawn by the supporter who proposed it.</summary>
public sealed record DiversityChangeRejected(Guid PersonId, Guid ChangeId, Guid ProposedBy, Guid By);

/// <summary>A project's target representation set.</summary>
public sealed record RepresentationTargetsSet(Guid ProjectId, int Targets, Guid By, Guid? SupportedBy);

/// <summary>A new snapshot of a project's aggregates was published, counting this many people, of whom this many changed since the last.</summary>
public sealed record RepresentationPublished(Guid ProjectId, int Release, int Counted, int Changed);
