namespace CoProduce.Grains.Agenda;

// Items travel whole so that a live session can apply an event without reading the agenda again.

public sealed record ItemProposed(Guid ProjectId, AgendaItem Item);

public sealed record ItemEdited(Guid ProjectId, AgendaItem Item, Guid By, Guid? SupportedBy);

public sealed record ItemWithdrawn(Guid ProjectId, Guid ItemId, long Version, Guid By, Guid? SupportedBy);

public sealed record RankingOpened(Guid ProjectId, RankingMethod Method, int DotsPerPerson, Guid By, Guid? SupportedBy);

public sealed record DotsPlaced(Guid ProjectId, Guid PersonId, Guid? SupportedBy, IReadOnlyDictionary<Guid, int> Dots);

public sealed record RankingSubmitted(Guid ProjectId, Guid PersonId, Guid? SupportedBy, IReadOnlyList<Guid> Order);

public sealed record RankingClosed(Guid ProjectId, RankingMethod Method, IReadOnlyList<RankedItem> Ranking, int Voters, Guid By, Guid? SupportedBy);

public sealed record AgreementRecorded(Guid ProjectId, AgreementRecord Agreement);

public sealed record AgendaAgreed(
    Guid ProjectId,
    IReadOnlyList<Guid> Order,
    IReadOnlyList<Guid> AgreedBy,
    IReadOnlyList<Guid> ObjectedBy,
    Guid By,
    Guid? SupportedBy);
