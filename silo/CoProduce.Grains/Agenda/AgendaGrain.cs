using CoProduce.Journal.State;
using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Agenda;

/// <summary>
/// A project's agenda, keyed by the project's id. Whoever can see the project can read it; contributors
/// and facilitators propose, rank and agree; facilitators open and close ranking and confirm agreement.
/// Anyone else is told the project does not exist. Access is asked of the project on every call, so a
/// role change counts at once.
/// </summary>
// Reentrant so that many participants ranking at once share writes; every method reads and changes
// the state only after its last await before Commit, so interleaving never acts on a stale view.
[Reentrant]
[GrainType("agenda")]
public sealed partial class AgendaGrain([JournaledState("agenda")] IJournaledState<AgendaState> state, TimeProvider time) : JournaledGrain, IAgendaGrain
{
    /// <summary>Contributors and facilitators take part; observers, and staff who do not facilitate, watch.</summary>
    private const string TakesPartRefusal = "Observers can follow the agenda; contributors and facilitators shape it.";

    private (long Version, IReadOnlyList<RankedItem> Ranking)? _provisional;

    private AgendaState S => state.State;

    private Guid ProjectId => this.GetPrimaryKey();

    public async Task<Versioned<AgendaView>> Get(Actor actor)
    {
        var access = await GrainFactory.EnsureCanSee(actor, ProjectId);
        return await ShownTo(access);
    }

    /// <summary>For the live session, which shows no proposer's lived experience at all.</summary>
    public Task<AgendaView> LiveView()
    {
        var view = Current().Value;
        return Task.FromResult(view with { Items = [.. view.Items.Select(i => i with { ProposerLivedExperience = null })] });
    }

    public async Task<AgendaItem> GetItem(Actor actor, Guid itemId)
    {
        var access = await GrainFactory.EnsureCanSee(actor, ProjectId);
        return await ShownTo(access, FindItem(itemId));
    }

    private AgendaItem FindItem(Guid itemId) =>
        S.Items.Find(i => i.Id == itemId) ?? throw DomainException.NotFound("The agenda item");

    /// <summary>
    /// The agenda as this reader may see it: each proposer's lived experience as their profile says it now, and only
    /// where <see cref="LivedExperienceShown"/> allows (facilitators, for people who agreed); null otherwise. The
    /// stored answer (from when the item was proposed) feeds only the report's share, never a view.
    /// </summary>
    private async Task<Versioned<AgendaView>> ShownTo(ProjectAccess access)
    {
        var current = Current();
        var items = current.Value.Items;
        var shown = await LivedExperienceShown.To(GrainFactory, ProjectId, access, items.Select(i => i.ProposedBy));
        return current with { Value = current.Value with { Items = [.. items.Select(i => i with { ProposerLivedExperience = shown(i.ProposedBy) })] } };
    }

    private async Task<AgendaItem> ShownTo(ProjectAccess access, AgendaItem item)
    {
        var shown = await LivedExperienceShown.To(GrainFactory, ProjectId, access, [item.ProposedBy]);
        return item with { ProposerLivedExperience = shown(item.ProposedBy) };
    }

    private int Voters => S.Method == RankingMethod.DotVote ? S.Dots.Count : S.Orders.Count;

    private Versioned<AgendaView> Current() => new(
        new AgendaView(
            ProjectId,
            S.Status,
            S.Method,
            S.DotsPerPerson,
            S.RankingOpen,
            S.Items,
            S.RankingOpen ? Provisional() : S.Ranking,
            Voters,
            S.Agreement,
            S.ConfirmedBy,
            S.ConfirmedAt),
        S.Version);

    /// <summary>The order the ballots so far would give, worked out once per version however often it is read.</summary>
    private IReadOnlyList<RankedItem> Provisional()
    {
        if (_provisional is not { } cached || cached.Version != S.Version)
        {
            cached = (S.Version, Rank());
            _provisional = cached;
        }

        return cached.Ranking;
    }
}
