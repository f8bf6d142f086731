using CoProduce.Grains.Agenda;
using CoProduce.Grains.Common;

namespace CoProduce.Grains.Decisions;

/// <summary>
/// Asks the project's agenda whether the items a decision takes up are on it. An item of another project
/// is simply not on this agenda, so it is refused like an unknown id and nothing about it leaks.
/// </summary>
internal static class AgendaLinks
{
    public static async Task EnsureOnAgenda(IGrainFactory grains, Actor actor, Guid projectId, IReadOnlyList<Guid> itemIds)
    {
        if (itemIds.Count == 0)
        {
            return;
        }

        var items = (await grains.GetGrain<IAgendaGrain>(projectId).Get(actor)).Value.Items.ToDictionary(i => i.Id);
        foreach (var id in itemIds)
        {
            if (!items.TryGetValue(id, out var item))
            {
                throw DomainException.Invalid("agendaItemIds", $"Agenda item {id} is not an item of this project's agenda.");
            }

            // Taken off the table (by its proposer or a facilitator): a rule of the agenda's state, so 409.
            if (item.Withdrawn)
            {
                throw DomainException.Conflict($"Agenda item {id} has been withdrawn; a decision cannot take it up.");
            }
        }
    }
}
