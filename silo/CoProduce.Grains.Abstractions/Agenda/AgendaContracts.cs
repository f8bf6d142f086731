using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Agenda;

/// <summary>How the group ranks agenda items.</summary>
[GenerateSerializer, Alias("coproduce.agenda.RankingMethod")]
public enum RankingMethod
{
    /// <summary>Each participant spreads a set number of dots over the items.</summary>
    DotVote,

    /// <summary>Each participant orders the items; repeated instant runoff gives the order.</summary>
    RankedChoice,
}

/// <summary>Where the agenda is in its life: being shaped, ranked and awaiting agreement, or agreed.</summary>
[GenerateSerializer, Alias("coproduce.agenda.AgendaStatus")]
public enum AgendaStatus
{
    /// <summary>Items are proposed and edited; ranking may be open.</summary>
    Open,

    /// <summary>Ranking closed; the ordered agenda awaits agreement.</summary>
    Ranked,

    /// <summary>Agreed by the group; who agreed and objected is recorded.</summary>
    Agreed,
}

/// <summary>
/// A proposed item with its provenance: who proposed it, in what role, and the supporter who acted with them if
/// any. <see cref="ProposerLivedExperience"/> is the proposer's lived experience as their profile says it now,
/// shown only to the project's facilitators and only when the proposer agreed to show it in this project; null
/// to everyone else. <see cref="Version"/> is the item's own, for If-Match.
/// </summary>
[GenerateSerializer, Alias("coproduce.agenda.AgendaItem"), Immutable]
public sealed record AgendaItem(
    Guid Id,
    string Title,
    string? Description,
    string? EasyReadSummary,
    Guid ProposedBy,
    Guid? SupportedBy,
    ProjectRole ProposerRole,
    bool? ProposerLivedExperience,
    DateTimeOffset ProposedAt,
    long Version,
    bool Withdrawn);

/// <summary>
/// One place in the ordered agenda (1 first). <see cref="Score"/> is the item's total dots (dot vote), or
/// the ballots counting for it in the runoff round it won (ranked choice).
/// </summary>
[GenerateSerializer, Alias("coproduce.agenda.RankedItem"), Immutable]
public sealed record RankedItem(Guid ItemId, string Title, int Position, decimal Score);

/// <summary>A participant's latest answer to the ranked agenda.</summary>
[GenerateSerializer, Alias("coproduce.agenda.AgreementRecord"), Immutable]
public sealed record AgreementRecord(Guid PersonId, Guid? SupportedBy, bool Agrees, string? Comment, DateTimeOffset At);

/// <summary>
/// The agenda as participants see it. While ranking is open <see cref="Ranking"/> is the provisional
/// order from the ballots so far; once closed it is the fixed order the group agrees to.
/// </summary>
[GenerateSerializer, Alias("coproduce.agenda.AgendaView")]
public sealed record AgendaView(
    Guid ProjectId,
    AgendaStatus Status,
    RankingMethod Method,
    int DotsPerPerson,
    bool RankingOpen,
    IReadOnlyList<AgendaItem> Items,
    IReadOnlyList<RankedItem> Ranking,
    int Voters,
    IReadOnlyList<AgreementRecord> Agreement,
    Guid? ConfirmedBy,
    DateTimeOffset? ConfirmedAt);

/// <summary>
/// What one participant has placed: dots per item, or an ordering. <see cref="SupportedBy"/> names the supporter
/// who entered it with them (acting with them), as the journal does; null when they entered it themselves.
/// </summary>
[GenerateSerializer, Alias("coproduce.agenda.MyRanking")]
public sealed record MyRanking(IReadOnlyDictionary<Guid, int> Dots, IReadOnlyList<Guid> Order, Guid? SupportedBy = null);

/// <summary>A project's agenda, co-created: proposed by anyone in it, ranked by the group, agreed not imposed.</summary>
[Alias("coproduce.agenda.IAgendaGrain")]
public interface IAgendaGrain : IGrainWithGuidKey
{
    /// <summary>The agenda for anyone who can see the project; 404 for anyone else.</summary>
    [ReadOnly]
    Task<Versioned<AgendaView>> Get(Actor actor);

    /// <summary>The agenda for the project's live session, which has already let its people in.</summary>
    [ReadOnly]
    Task<AgendaView> LiveView();

    /// <summary>One item, withdrawn or not, with its own version.</summary>
    [ReadOnly]
    Task<AgendaItem> GetItem(Actor actor, Guid itemId);

    /// <summary>Proposes an item (contributors and facilitators; observers watch).</summary>
    Task<AgendaItem> Propose(Actor actor, string title, string? description, string? easyReadSummary);

    /// <summary>Edits an item (its proposer or a facilitator) if it is still at <paramref name="expectedVersion"/>.</summary>
    Task<AgendaItem> Edit(Actor actor, Guid itemId, string title, string? description, string? easyReadSummary, long expectedVersion);

    /// <summary>Withdraws an item (its proposer or a facilitator) if it is still at <paramref name="expectedVersion"/>; it stays on record.</summary>
    Task<AgendaItem> Withdraw(Actor actor, Guid itemId, long expectedVersion);

    /// <summary>Opens ranking with a method (facilitators); after a closed or agreed ranking this starts over.</summary>
    Task<Versioned<AgendaView>> OpenRanking(Actor actor, RankingMethod method, int dotsPerPerson);

    /// <summary>Replaces the caller's dots; the total may not exceed the dots per person.</summary>
    Task<MyRanking> PlaceDots(Actor actor, IReadOnlyDictionary<Guid, int> dots);

    /// <summary>Replaces the caller's ordering of items (ranked choice); a partial ordering is allowed.</summary>
    Task<MyRanking> SubmitRanking(Actor actor, IReadOnlyList<Guid> order);

    /// <summary>The caller's current dots or ordering in this ranking.</summary>
    [ReadOnly]
    Task<MyRanking> Mine(Actor actor);

    /// <summary>Closes ranking and fixes the ordered agenda (facilitators).</summary>
    Task<Versioned<AgendaView>> CloseRanking(Actor actor);

    /// <summary>Records a participant's agreement or objection to the ranked agenda.</summary>
    Task<Versioned<AgendaView>> RecordAgreement(Actor actor, bool agrees, string? comment);

    /// <summary>Marks the agenda agreed (facilitators), keeping who agreed and who objected; reopening is a new ranking.</summary>
    Task<Versioned<AgendaView>> Agree(Actor actor);
}
