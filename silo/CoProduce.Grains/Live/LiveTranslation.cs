using System.Text.Json;
using CoProduce.Grains.Agenda;
using CoProduce.Grains.Decisions;
using CoProduce.Live;
using CoProduce.Journal.Events;

namespace CoProduce.Grains.Live;

/// <summary>
/// Turns what the agenda and decision grains journalled into live events. Several votes (or dot
/// placements) in one batch become one tally (or ranking) change, read after the last of them.
/// </summary>
internal static class LiveTranslation
{
    public const string AgendaType = "agenda";
    public const string DecisionType = "decision";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IReadOnlyList<LiveEvent>> TranslateAsync(IReadOnlyList<GrainEvent> batch, IGrainFactory grains)
    {
        var events = new List<LiveEvent>();
        for (var i = 0; i < batch.Count; i++)
        {
            var e = batch[i];
            var nextType = i + 1 < batch.Count ? batch[i + 1].Type : null;
            var live = e.Grain.Type == AgendaType
                ? await AgendaEvent(e, nextType, grains)
                : await DecisionEvent(e, nextType, grains);
            if (live is not null)
            {
                events.Add(live);
            }
        }

        return events;
    }

    private static async Task<LiveEvent?> AgendaEvent(GrainEvent e, string? nextType, IGrainFactory grains)
    {
        switch (e.Type)
        {
            case nameof(ItemProposed):
                return new AgendaItemProposed(Item(Read<ItemProposed>(e).Item));
            case nameof(ItemEdited):
                var edited = Read<ItemEdited>(e);
                return new AgendaItemEdited(Item(edited.Item), edited.By);
            case nameof(ItemWithdrawn):
                var withdrawn = Read<ItemWithdrawn>(e);
                return new AgendaItemWithdrawn(withdrawn.ItemId, withdrawn.Version, withdrawn.By);
            case nameof(RankingOpened):
                var opened = Read<RankingOpened>(e);
                return new AgendaRankingOpened(opened.Method.ToString(), opened.DotsPerPerson);
            case nameof(DotsPlaced) or nameof(RankingSubmitted):
                if (nextType is nameof(DotsPlaced) or nameof(RankingSubmitted))
                {
                    return null;
                }

                var view = await grains.GetGrain<IAgendaGrain>(Guid.Parse(e.Grain.Key)).LiveView();
                return new AgendaRankingChanged(Ranking(view.Ranking), view.Voters);
            case nameof(RankingClosed):
                var closed = Read<RankingClosed>(e);
                return new AgendaRankingClosed(Ranking(closed.Ranking), closed.Voters);
            case nameof(AgreementRecorded):
                var agreement = Read<AgreementRecorded>(e).Agreement;
                return new CoProduce.Live.AgendaAgreementRecorded(agreement.PersonId, agreement.Agrees, agreement.Comment);
            case nameof(Agenda.AgendaAgreed):
                return new CoProduce.Live.AgendaAgreed(Read<Agenda.AgendaAgreed>(e).Order);
            default:
                return null;
        }
    }

    private static async Task<LiveEvent?> DecisionEvent(GrainEvent e, string? nextType, IGrainFactory grains)
    {
        switch (e.Type)
        {
            case nameof(DecisionCreated):
                var created = Read<DecisionCreated>(e);
                return new DecisionOpened(
                    created.DecisionId, created.Title, created.Method.ToString(), [.. created.Options.Select(o => new LiveOption(o.Id, o.Label))],
                    created.ClosesAt, created.Anonymous, created.HideResultsUntilClose);
            case nameof(VoteCast):
                if (nextType == nameof(VoteCast))
                {
                    return null;
                }

                // An anonymous decision shows nothing that moves with each ballot, so a ballot has no change to push: its
                // results reach the session with its close. Asked of the decision, not of its status now, because a ballot's
                // relay may run after the close it preceded (the close then carries everything).
                var decision = await grains.GetGrain<IDecisionGrain>(Guid.Parse(e.Grain.Key)).LiveView();
                return decision is { Voters: { } voters } && !decision.Anonymous
                    ? new TallyChanged(decision.Id, voters, decision.Results is { } r ? Tally(r) : null)
                    : null;
            case nameof(Decisions.DecisionClosed):
                // The journal holds the raw count; the session gets it as the decision shows it (its lived-experience
                // quorum said only where that tells no more than the published count), never from the journal as it is.
                var closedDecision = Read<Decisions.DecisionClosed>(e);
                var shown = await grains.GetGrain<IDecisionGrain>(closedDecision.DecisionId).LiveView();
                return shown?.Results is { } final
                    ? new CoProduce.Live.DecisionClosed(closedDecision.DecisionId, final.Voters, Tally(final))
                    : null;
            case nameof(OutcomeRecorded):
                var outcome = Read<OutcomeRecorded>(e);
                return new DecisionOutcomeRecorded(outcome.DecisionId, outcome.Outcome.Statement, outcome.Outcome.ReviewDate);
            default:
                return null;
        }
    }

    private static T Read<T>(GrainEvent e) =>
        JsonSerializer.Deserialize<T>(e.Json, Json) ?? throw new InvalidOperationException($"{e.Grain} event {e.Sequence} is empty.");

    private static LiveAgendaItem Item(AgendaItem item) => new(
        item.Id, item.Title, item.Description, item.EasyReadSummary, item.ProposedBy, item.SupportedBy, item.ProposerRole.ToString(), item.Version, item.Withdrawn);

    private static List<LiveRankedItem> Ranking(IReadOnlyList<RankedItem> ranking) =>
        [.. ranking.Select(r => new LiveRankedItem(r.ItemId, r.Title, r.Position, r.Score))];

    private static LiveTally Tally(DecisionResults results) => new(
        results.QuorumMet,
        results.Consent is { } c ? new LiveConsent(c.Agree, c.Abstain, c.Disagree, c.Block, c.Passes) : null,
        [.. results.Options.Select(o => new LiveOptionCount(o.OptionId, o.Label, o.Position, o.Score, o.Backers))],
        results.Winners,
        results.Tie);
}
