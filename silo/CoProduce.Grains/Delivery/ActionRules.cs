using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Delivery;

/// <summary>Checks what a facilitator writes for an action, and that its owner and decisions belong to the project.</summary>
internal static class ActionRules
{
    public const int MaxDecisions = 50;

    /// <summary>The spec cleaned: text trimmed and within limits, decisions distinct (1 to 50).</summary>
    public static (string Title, string? Description, List<Guid> DecisionIds) Check(ActionSpec spec)
    {
        var title = Text.Required(spec.Title, "title");
        var description = Text.Optional(spec.Description, "description");
        if (spec.OwnerId == Guid.Empty)
        {
            throw DomainException.Invalid("ownerId", "ownerId is required.");
        }

        var decisions = (spec.DecisionIds ?? []).Distinct().ToList();
        if (decisions.Count is 0 or > MaxDecisions)
        {
            throw DomainException.Invalid("decisionIds", $"An action serves 1 to {MaxDecisions} of the project's decisions.");
        }

        return (title, description, decisions);
    }

    /// <summary>The owner must take part in the project (or be its organisation's staff); each decision must be the project's.</summary>
    public static async Task CheckLinks(IGrainFactory grains, Actor actor, Guid projectId, Guid ownerId, IReadOnlyList<Guid> decisionIds)
    {
        var owner = await grains.GetGrain<IProjectGrain>(projectId).AccessOf(ownerId);
        if (!owner.CanSee)
        {
            throw DomainException.Invalid("ownerId", "The owner must be someone in the project.");
        }

        foreach (var decisionId in decisionIds)
        {
            await DecisionLinks.EnsureInProject(grains, actor, projectId, decisionId, "decisionIds");
        }
    }
}
