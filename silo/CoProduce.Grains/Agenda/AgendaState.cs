using CoProduce.Grains.Common;

namespace CoProduce.Grains.Agenda;

public sealed record AgendaState : VersionedState
{
    /// <summary>Every item ever proposed, withdrawn ones included, in proposal order (ties in ranking go to the earlier).</summary>
    public List<AgendaItem> Items { get; init; } = [];

    public AgendaStatus Status { get; init; }

    public RankingMethod Method { get; init; }

    public int DotsPerPerson { get; init; }

    public bool RankingOpen { get; init; }

    /// <summary>Each person's dots in the current ranking (dot vote); someone with none placed is absent.</summary>
    public Dictionary<Guid, Dictionary<Guid, int>> Dots { get; init; } = [];

    /// <summary>Each person's ordering in the current ranking (ranked choice); someone with none is absent.</summary>
    public Dictionary<Guid, List<Guid>> Orders { get; init; } = [];

    /// <summary>Who entered a person's dots or ordering in the current ranking with them, for those a supporter entered.</summary>
    public Dictionary<Guid, Guid> EnteredBy { get; init; } = [];

    /// <summary>The order fixed when ranking closed; empty while open.</summary>
    public List<RankedItem> Ranking { get; init; } = [];

    /// <summary>Each participant's latest answer to the ranked agenda, oldest answer first.</summary>
    public List<AgreementRecord> Agreement { get; init; } = [];

    public Guid? ConfirmedBy { get; init; }

    public DateTimeOffset? ConfirmedAt { get; init; }
}
