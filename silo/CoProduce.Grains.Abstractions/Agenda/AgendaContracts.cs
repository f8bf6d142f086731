using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;
using CoProduce.Runtime.Grains;

namespace CoProduce.Grains.Agenda;

/// <summary>How the group ranks agenda items.</summary>
public enum RankingMethod
{
    /// <summary>Each participant spreads a set number of dots over the items.</summary>
    DotVote,

    /// <summary>Each participant orders the items; repeated instant runoff gives the order.</summary>
    RankedChoice,
}

public enum AgendaStatus
{
    /// <summary>Items are proposed and edited; ranking may be open.</summary>
    Open,

    /// <summary>Ranking closed; the ordered agenda awaits agreement.</summary>
    Ranked,

    /// <summary>Agreed by the group; who agreed and objected is recorded.</summary>
    Agreed,
}

public sealed record AgendaItem(
    Guid Id,
    string Title,
    string? Description,
    string? EasyReadSummary,
    Guid ProposedBy,
    Guid? SupportedBy,
    ProjectRole ProposerRole,
    bool ProposerLivedExperience,
    DateTimeOffset ProposedAt,
    long Version,
    bool Withdrawn);

public sealed record RankedItem(Guid ItemId, string Title, int Position, decimal Score);

public sealed record AgreementRecord(Guid PersonId, Guid? SupportedBy, bool Agrees, string? Comment, DateTimeOffset At);

public sealed record AgendaView(
    Guid ProjectId,
    AgendaStatus Status,
    RankingMethod Method,
    int DotsPerPerson,
    bool RankingOpen,
    IReadOnlyList<AgendaItem> Items,
    IReadOnlyList<RankedItem> Ranking,
    int Voters,
    IReadOnlyList<AgreementRecord> Agreement);

/// <summary>What one participant has placed: dots per item, or an ordering.</summary>
public sealed record MyRanking(IReadOnlyDictionary<Guid, int> Dots, IReadOnlyList<Guid> Order);

/// <summary>A project's agenda, co-created: proposed by anyone in it, ranked by the group, agreed not imposed.</summary>
public interface IAgendaGrain : IGrainWithGuidKey
{
    Task<Versioned<AgendaView>> Get(Actor actor);

    /// <summary>Proposes an item (contributors and facilitators; observers watch).</summary>
    Task<AgendaItem> Propose(Actor actor, string title, string? description, string? easyReadSummary);

    /// <summary>Edits an item (its proposer or a facilitator) if it is still at <paramref name="expectedVersion"/>.</summary>
    Task<AgendaItem> Edit(Actor actor, Guid itemId, string title, string? description, string? easyReadSummary, long expectedVersion);

    Task<AgendaItem> Withdraw(Actor actor, Guid itemId, long expectedVersion);

    /// <summary>Opens ranking with a method (facilitators).</summary>
    Task<Versioned<AgendaView>> OpenRanking(Actor actor, RankingMethod method, int dotsPerPerson);

    /// <summary>Replaces the caller's dots; the total may not exceed the dots per person.</summary>
    Task<MyRanking> PlaceDots(Actor actor, IReadOnlyDictionary<Guid, int> dots);

    /// <summary>Replaces the caller's ordering of items (ranked choice).</summary>
    Task<MyRanking> SubmitRanking(Actor actor, IReadOnlyList<Guid> order);

    [ReadOnly]
    Task<MyRanking> Mine(Actor actor);

    /// <summary>Closes ranking and fixes the ordered agenda (facilitators).</summary>
    Task<Versioned<AgendaView>> CloseRanking(Actor actor);

    /// <summary>Records a participant's agreement or objection to the ranked agenda.</summary>
    Task<Versioned<AgendaView>> RecordAgreement(Actor actor, bool agrees, string? comment);

    /// <summary>Marks the agenda agreed (facilitators), keeping who agreed and who objected; reopening is a new ranking.</summary>
    Task<Versioned<AgendaView>> Agree(Actor actor);
}
