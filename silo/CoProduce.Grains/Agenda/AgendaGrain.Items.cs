using CoProduce.Grains.Common;
using CoProduce.Grains.People;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Agenda;

/// <summary>Items: proposed by anyone taking part, with provenance; changed by their proposer or a facilitator under If-Match.</summary>
public sealed partial class AgendaGrain
{
    private const int MaxItems = 100;

    // Withdrawn items stay on record; this bounds the stored state however many come and go.
    private const int MaxItemsOnRecord = 500;

    public async Task<AgendaItem> Propose(Actor actor, string title, string? description, string? easyReadSummary)
    {
        var access = await GrainFactory.EnsureTakesPart(actor, ProjectId, TakesPartRefusal);
        var text = Clean(title, description, easyReadSummary);

        // Lived experience comes from the person's own profile. It is kept only for the report's share of items
        // proposed by people with lived experience; views read it from the profile as it is now (ShownTo).
        var livedExperience = await GrainFactory.GetGrain<IPersonGrain>(actor.PersonId).LivedExperience();
        if (S.Items.Count(i => !i.Withdrawn) >= MaxItems)
        {
            throw DomainException.Conflict($"The agenda already has {MaxItems} items; withdraw one before proposing another.");
        }

        if (S.Items.Count >= MaxItemsOnRecord)
        {
            throw DomainException.Conflict($"The agenda has {MaxItemsOnRecord} items on record, the most it can keep.");
        }

        var item = new AgendaItem(
            Guid.NewGuid(), text.Title, text.Description, text.EasyReadSummary,
            actor.PersonId, actor.SupportedBy, RoleOf(access), livedExperience, time.GetUtcNow(), Version: 1, Withdrawn: false);
        RaiseEvent(new ItemProposed(ProjectId, item));
        await state.Commit(S with { Items = [.. S.Items, item] });
        return await ShownTo(access, item);
    }

    public async Task<AgendaItem> Edit(Actor actor, Guid itemId, string title, string? description, string? easyReadSummary, long expectedVersion)
    {
        var (access, item) = await EnsureMayChange(actor, itemId, expectedVersion);
        var text = Clean(title, description, easyReadSummary);
        var edited = item with
        {
            Title = text.Title,
            Description = text.Description,
            EasyReadSummary = text.EasyReadSummary,
            Version = item.Version + 1,
        };
        RaiseEvent(new ItemEdited(ProjectId, edited, actor.PersonId, actor.SupportedBy));
        await state.Commit(S with { Items = Replace(edited) });
        return await ShownTo(access, edited);
    }

    public async Task<AgendaItem> Withdraw(Actor actor, Guid itemId, long expectedVersion)
    {
        var (access, item) = await EnsureMayChange(actor, itemId, expectedVersion);
        var withdrawn = item with { Withdrawn = true, Version = item.Version + 1 };

        // Dots and orderings naming the item stay as placed; every count skips withdrawn items, and
        // the next ballot a person sends cannot name it.
        RaiseEvent(new ItemWithdrawn(ProjectId, itemId, withdrawn.Version, actor.PersonId, actor.SupportedBy));
        await state.Commit(S with { Items = Replace(withdrawn) });
        return await ShownTo(access, withdrawn);
    }

    /// <summary>
    /// The role the person acted in. Staff who facilitate without a project role act as facilitators;
    /// an observer who may facilitate acts as one too, since that is the only way they take part.
    /// </summary>
    private static ProjectRole RoleOf(ProjectAccess access) =>
        access.Role == ProjectRole.Contributor ? ProjectRole.Contributor : ProjectRole.Facilitator;

    private static (string Title, string? Description, string? EasyReadSummary) Clean(string title, string? description, string? easyReadSummary) =>
        (Text.Required(title, "title"), Text.Optional(description, "description"), Text.Optional(easyReadSummary, "easyReadSummary"));

    private async Task<(ProjectAccess Access, AgendaItem Item)> EnsureMayChange(Actor actor, Guid itemId, long expectedVersion)
    {
        var access = await GrainFactory.EnsureTakesPart(actor, ProjectId, TakesPartRefusal);
        var item = FindItem(itemId);
        if (item.ProposedBy != actor.PersonId && !access.CanFacilitate)
        {
            throw DomainException.Forbidden("Only the person who proposed an item, or a facilitator, can change it.");
        }

        if (item.Version != expectedVersion)
        {
            throw DomainException.Stale(item.Version);
        }

        if (item.Withdrawn)
        {
            throw DomainException.Conflict("This item was withdrawn; it stays on record as it was.");
        }

        // People are agreeing to (or have agreed) exactly these words; changing them is a new ranking.
        if (S.Status != AgendaStatus.Open && S.Ranking.Exists(r => r.ItemId == itemId))
        {
            throw DomainException.Conflict("This item is in the ranked agenda; open a new ranking to change it.");
        }

        return (access, item);
    }

    private List<AgendaItem> Replace(AgendaItem item) => [.. S.Items.Select(i => i.Id == item.Id ? item : i)];
}
