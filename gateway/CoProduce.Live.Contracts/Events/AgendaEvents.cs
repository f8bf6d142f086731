namespace CoProduce.Live;

/// <summary>An agenda item as the live session shows it; <see cref="Version"/> goes back in edits.</summary>
public sealed record LiveAgendaItem(
    Guid Id,
    string Title,
    string? Description,
    string? EasyReadSummary,
    Guid ProposedBy,
    Guid? SupportedBy,
    string ProposerRole,
    long Version,
    bool Withdrawn);

/// <summary>One place in the (provisional or closed) ranking, 1 first.</summary>
public sealed record LiveRankedItem(Guid ItemId, string Title, int Position, decimal Score);

public sealed record AgendaItemProposed(LiveAgendaItem Item) : LiveEvent;

public sealed record AgendaItemEdited(LiveAgendaItem Item, Guid By) : LiveEvent;

public sealed record AgendaItemWithdrawn(Guid ItemId, long Version, Guid By) : LiveEvent;

/// <summary>Ranking opened; <see cref="Method"/> is <c>DotVote</c> or <c>RankedChoice</c>.</summary>
public sealed record AgendaRankingOpened(string Method, int DotsPerPerson) : LiveEvent;

/// <summary>Someone placed dots or reordered: the provisional order from every ballot so far.</summary>
public sealed record AgendaRankingChanged(IReadOnlyList<LiveRankedItem> Ranking, int Voters) : LiveEvent;

public sealed record AgendaRankingClosed(IReadOnlyList<LiveRankedItem> Ranking, int Voters) : LiveEvent;

public sealed record AgendaAgreementRecorded(Guid PersonId, bool Agrees, string? Comment) : LiveEvent;

public sealed record AgendaAgreed(IReadOnlyList<Guid> Order) : LiveEvent;
