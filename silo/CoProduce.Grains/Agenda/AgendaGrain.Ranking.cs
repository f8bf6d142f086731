using CoProduce.Grains.Agenda.Ranking;
using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Agenda;

/// <summary>Ranking: facilitators open and close it; everyone taking part places dots or orders items until it closes.</summary>
public sealed partial class AgendaGrain
{
    private const int MaxDotsPerPerson = 50;

    public async Task<Versioned<AgendaView>> OpenRanking(Actor actor, RankingMethod method, int dotsPerPerson)
    {
        var access = await GrainFactory.EnsureCanFacilitate(actor, ProjectId);
        if (!Enum.IsDefined(method))
        {
            throw DomainException.Invalid("method", "method must be DotVote or RankedChoice.");
        }

        if (method == RankingMethod.DotVote && dotsPerPerson is < 1 or > MaxDotsPerPerson)
        {
            throw DomainException.Invalid("dotsPerPerson", $"dotsPerPerson must be between 1 and {MaxDotsPerPerson} for a dot vote.");
        }

        if (S.RankingOpen)
        {
            throw DomainException.Conflict("Ranking is already open; close it before starting another.");
        }

        var dots = method == RankingMethod.DotVote ? dotsPerPerson : 0;

        // Starting over after a ranked or agreed agenda: earlier ballots and answers live on in the journal.
        RaiseEvent(new RankingOpened(ProjectId, method, dots, actor.PersonId, actor.SupportedBy));
        await state.Commit(S with
        {
            Status = AgendaStatus.Open,
            Method = method,
            DotsPerPerson = dots,
            RankingOpen = true,
            Dots = [],
            Orders = [],
            EnteredBy = [],
            Ranking = [],
            Agreement = [],
            ConfirmedBy = null,
            ConfirmedAt = null,
        });
        return await ShownTo(access);
    }

    public async Task<MyRanking> PlaceDots(Actor actor, IReadOnlyDictionary<Guid, int> dots)
    {
        await GrainFactory.EnsureTakesPart(actor, ProjectId, TakesPartRefusal);
        EnsureRankingOpen(RankingMethod.DotVote);
        var allocation = new Dictionary<Guid, int>();
        long total = 0;
        foreach (var (itemId, count) in dots)
        {
            EnsureRankable(itemId, "dots");
            if (count < 0)
            {
                throw DomainException.Invalid("dots", "Dots on an item cannot be fewer than none.");
            }

            total += count;
            if (count > 0)
            {
                allocation[itemId] = count;
            }
        }

        if (total > S.DotsPerPerson)
        {
            throw DomainException.Invalid("dots", $"You have {S.DotsPerPerson} dots to place; these add up to {total}.");
        }

        if ((S.Dots.GetValueOrDefault(actor.PersonId) is { } placed ? SameDots(placed, allocation) : allocation.Count == 0) && SameEntrant(actor))
        {
            // The same dots sent again (a retry whose first answer was lost): nothing changes, nothing is journalled twice.
            return new MyRanking(allocation, [], actor.SupportedBy);
        }

        var ballots = new Dictionary<Guid, Dictionary<Guid, int>>(S.Dots) { [actor.PersonId] = allocation };
        if (allocation.Count == 0)
        {
            ballots.Remove(actor.PersonId);
        }

        RaiseEvent(new DotsPlaced(ProjectId, actor.PersonId, actor.SupportedBy, allocation));
        await state.Commit(S with { Dots = ballots, EnteredBy = EnteredBy(actor, allocation.Count > 0 || S.Orders.ContainsKey(actor.PersonId)) });
        return new MyRanking(allocation, [], actor.SupportedBy);
    }

    /// <summary>Whether the person's ballot was last entered the way this call enters it (themselves, or with the same supporter).</summary>
    private bool SameEntrant(Actor actor) =>
        (S.EnteredBy.TryGetValue(actor.PersonId, out var supporter) ? supporter : (Guid?)null) == actor.SupportedBy;

    /// <summary>Who entered the person's ballot after this call: the supporter acting with them, or nobody named.</summary>
    private Dictionary<Guid, Guid> EnteredBy(Actor actor, bool hasBallot)
    {
        var entered = new Dictionary<Guid, Guid>(S.EnteredBy);
        entered.Remove(actor.PersonId);
        if (hasBallot && actor.SupportedBy is { } supporter)
        {
            entered[actor.PersonId] = supporter;
        }

        return entered;
    }

    private static bool SameDots(Dictionary<Guid, int> placed, Dictionary<Guid, int> allocation) =>
        placed.Count == allocation.Count && placed.All(d => allocation.GetValueOrDefault(d.Key) == d.Value);

    public async Task<MyRanking> SubmitRanking(Actor actor, IReadOnlyList<Guid> order)
    {
        await GrainFactory.EnsureTakesPart(actor, ProjectId, TakesPartRefusal);
        EnsureRankingOpen(RankingMethod.RankedChoice);
        var seen = new HashSet<Guid>();
        foreach (var itemId in order)
        {
            EnsureRankable(itemId, "order");
            if (!seen.Add(itemId))
            {
                throw DomainException.Invalid("order", "Each item may appear in your order only once.");
            }
        }

        List<Guid> ordering = [.. order];
        if ((S.Orders.GetValueOrDefault(actor.PersonId) is { } submitted ? submitted.SequenceEqual(ordering) : ordering.Count == 0) && SameEntrant(actor))
        {
            // The same order sent again: nothing changes, nothing is journalled twice.
            return new MyRanking(new Dictionary<Guid, int>(), ordering, actor.SupportedBy);
        }

        var ballots = new Dictionary<Guid, List<Guid>>(S.Orders) { [actor.PersonId] = ordering };
        if (ordering.Count == 0)
        {
            ballots.Remove(actor.PersonId);
        }

        RaiseEvent(new RankingSubmitted(ProjectId, actor.PersonId, actor.SupportedBy, ordering));
        await state.Commit(S with { Orders = ballots, EnteredBy = EnteredBy(actor, ordering.Count > 0 || S.Dots.ContainsKey(actor.PersonId)) });
        return new MyRanking(new Dictionary<Guid, int>(), ordering, actor.SupportedBy);
    }

    public async Task<MyRanking> Mine(Actor actor)
    {
        await GrainFactory.EnsureCanSee(actor, ProjectId);

        // Withdrawn items no longer count, so they are not shown as if they did.
        var dots = S.Dots.TryGetValue(actor.PersonId, out var placed)
            ? placed.Where(d => IsRankable(d.Key)).ToDictionary()
            : [];
        List<Guid> order = S.Orders.TryGetValue(actor.PersonId, out var ordered) ? [.. ordered.Where(IsRankable)] : [];
        return new MyRanking(dots, order, S.EnteredBy.TryGetValue(actor.PersonId, out var supporter) ? supporter : null);
    }

    public async Task<Versioned<AgendaView>> CloseRanking(Actor actor)
    {
        var access = await GrainFactory.EnsureCanFacilitate(actor, ProjectId);
        if (!S.RankingOpen)
        {
            throw DomainException.Conflict("Ranking is not open.");
        }

        if (Voters == 0)
        {
            throw DomainException.Conflict("Nobody has ranked the items yet; an order nobody chose would be imposed, not agreed.");
        }

        var ranking = Rank();
        if (ranking.Count == 0)
        {
            throw DomainException.Conflict("There are no items on the agenda to put in order.");
        }

        RaiseEvent(new RankingClosed(ProjectId, S.Method, ranking, Voters, actor.PersonId, actor.SupportedBy));
        await state.Commit(S with { Status = AgendaStatus.Ranked, RankingOpen = false, Ranking = ranking });
        return await ShownTo(access);
    }

    private void EnsureRankingOpen(RankingMethod method)
    {
        if (!S.RankingOpen)
        {
            throw DomainException.Conflict(S.Status == AgendaStatus.Open
                ? "Ranking has not been opened yet."
                : "Ranking is closed and the order is fixed; a facilitator can open a new ranking.");
        }

        if (S.Method != method)
        {
            throw DomainException.Conflict($"This ranking is by {S.Method}, not {method}.");
        }
    }

    private void EnsureRankable(Guid itemId, string field)
    {
        var item = S.Items.Find(i => i.Id == itemId);
        if (item is null || item.Withdrawn)
        {
            throw DomainException.Invalid(field, item is null
                ? $"{itemId} is not an item on this agenda."
                : $"\"{item.Title}\" was withdrawn, so it cannot be ranked.");
        }
    }

    private bool IsRankable(Guid itemId) => S.Items.Exists(i => i.Id == itemId && !i.Withdrawn);

    /// <summary>The order the current ballots give, over the items not withdrawn.</summary>
    private List<RankedItem> Rank()
    {
        var items = S.Items.Where(i => !i.Withdrawn).ToList();
        List<Guid> candidates = [.. items.Select(i => i.Id)];
        var order = S.Method == RankingMethod.DotVote
            ? DotVoteTally.Order(candidates, S.Dots.Values)
            : RankedChoiceOrder.Order(candidates, S.Orders.Values);
        var titles = items.ToDictionary(i => i.Id, i => i.Title);
        return [.. order.Select((p, i) => new RankedItem(p.ItemId, titles[p.ItemId], i + 1, p.Score))];
    }
}
