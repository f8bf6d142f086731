using CoProduce.Grains.Agenda;
using CoProduce.Grains.Common;
using CoProduce.Grains.Decisions;
using CoProduce.Grains.Delivery;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Feedback;

/// <summary>Checks a feedback entry's text and links, and works out whom a published entry is addressed to.</summary>
internal static class FeedbackRules
{
    public const int MaxActions = 50;

    public static (string Summary, string? Done, string? NotDone, List<Guid> ActionIds) Check(FeedbackSpec spec)
    {
        var summary = Text.Required(spec.Summary, "summary", Text.ParagraphLength);
        var done = Text.Optional(spec.Done, "done");
        var notDone = Text.Optional(spec.NotDone, "notDone");
        if (done is null && notDone is null)
        {
            throw DomainException.Invalid("done", "Say what was done, or what will not be done and why (notDone), or both.");
        }

        var actions = (spec.ActionIds ?? []).Distinct().ToList();
        return actions.Count > MaxActions
            ? throw DomainException.Invalid("actionIds", $"An entry links at most {MaxActions} actions.")
            : (summary, done, notDone, actions);
    }

    /// <summary>The decision must be this project's and closed; each action must be this project's.</summary>
    public static async Task CheckLinks(IGrainFactory grains, Actor actor, Guid projectId, Guid decisionId, IReadOnlyList<Guid> actionIds)
    {
        var decision = await DecisionLinks.EnsureInProject(grains, actor, projectId, decisionId, "decisionId");
        if (decision.Status == DecisionStatus.Open)
        {
            throw DomainException.Conflict("Feedback is for a closed decision; this one is still taking votes.");
        }

        foreach (var actionId in actionIds)
        {
            var action = await grains.GetGrain<IDeliveryActionGrain>(actionId).Peek();
            if (action?.ProjectId != projectId)
            {
                throw DomainException.Invalid("actionIds", $"Action {actionId} is not an action of this project.");
            }
        }
    }

    /// <summary>
    /// The decision's voters (for an anonymous decision nobody's vote is known, so every contributor of the
    /// project), and the proposers of the agenda items it took up; each person once.
    /// </summary>
    public static async Task<List<Guid>> Addressees(IGrainFactory grains, Actor actor, Guid projectId, Guid decisionId)
    {
        var decision = await DecisionLinks.EnsureInProject(grains, actor, projectId, decisionId, "decisionId");
        var proposers = await Proposers(grains, actor, projectId, decision.AgendaItemIds);
        if (!decision.Anonymous)
        {
            return [.. decision.Votes.Select(v => v.PersonId).Concat(proposers).Distinct()];
        }

        var project = await grains.GetGrain<IProjectGrain>(projectId).Get(actor);
        return [.. project.Value.Participants.Where(p => p.Role == ProjectRole.Contributor).Select(p => p.PersonId).Concat(proposers).Distinct()];
    }

    /// <summary>Whoever proposed the items the decision took up: their contribution led to it, so they hear what came of it.</summary>
    private static async Task<IEnumerable<Guid>> Proposers(IGrainFactory grains, Actor actor, Guid projectId, IReadOnlyList<Guid> itemIds)
    {
        if (itemIds.Count == 0)
        {
            return [];
        }

        var agenda = await grains.GetGrain<IAgendaGrain>(projectId).Get(actor);
        return agenda.Value.Items.Where(i => itemIds.Contains(i.Id)).Select(i => i.ProposedBy);
    }
}
