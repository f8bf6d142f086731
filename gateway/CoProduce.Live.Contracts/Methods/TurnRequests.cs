namespace CoProduce.Live;

/// <summary>Gives the floor to someone in the session (facilitators); the current turn, if any, ends.</summary>
public sealed record GiveFloorRequest(Guid ProjectId, Guid PersonId);

/// <summary>Sends a pace or comfort signal; <see cref="Anonymous"/> keeps the sender's name out of the session and the journal.</summary>
public sealed record PaceRequest(Guid ProjectId, PaceKind Kind, bool Anonymous);
