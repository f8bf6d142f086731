using CoProduce.Grains.Agenda;
using CoProduce.Grains.Common;
using CoProduce.Grains.Decisions;
using CoProduce.Grains.Delivery;
using CoProduce.Grains.Evaluation;
using CoProduce.Grains.Feedback;
using CoProduce.Grains.Projects;

namespace CoProduce.Gateway.Trail;

/// <summary>
/// Puts a decision's trail together from the read methods of the grains that own each part, as the
/// caller: each grain applies its own access rules (hidden results, anonymous ballots, drafts), so the
/// trail shows nothing its parts would not show on their own.
/// </summary>
public static class DecisionTrailReader
{
    public static async Task<DecisionTrail> Read(IGrainFactory grains, Actor actor, Guid projectId, Guid decisionId)
    {
        // The decision's own read decides who may see the trail: 404 exactly where its GET says 404.
        var decision = (await grains.GetGrain<IDecisionGrain>(decisionId).Get(actor, projectId)).Value;
        var items = AgendaItems(grains, actor, projectId, decision.AgendaItemIds);
        var actions = Actions(grains, actor, projectId, decisionId);
        var surveys = Surveys(grains, actor, projectId, decisionId);
        var feedback = Feedback(grains, actor, projectId, decisionId);
        return new DecisionTrail(
            decision.Id,
            decision.ProjectId,
            decision.Title,
            decision.Method,
            decision.Anonymous,
            decision.HideResultsUntilClose,
            decision.Status,
            decision.ClosesAt,
            decision.ClosedAt,
            await items,
            decision.Voters,
            decision.Results,
            decision.Outcome,
            decision.ReviewDueAt,
            await actions,
            await surveys,
            await feedback);
    }

    /// <summary>The items in the order the decision names them.</summary>
    private static async Task<IReadOnlyList<TrailAgendaItem>> AgendaItems(IGrainFactory grains, Actor actor, Guid projectId, IReadOnlyList<Guid> itemIds)
    {
        if (itemIds.Count == 0)
        {
            return [];
        }

        var agenda = (await grains.GetGrain<IAgendaGrain>(projectId).Get(actor)).Value.Items.ToDictionary(i => i.Id);
        return [.. itemIds
            .Where(agenda.ContainsKey)
            .Select(id => agenda[id])
            .Select(i => new TrailAgendaItem(i.Id, i.Title, i.ProposedBy, i.SupportedBy, i.ProposerRole, i.ProposerLivedExperience, i.ProposedAt, i.Withdrawn))];
    }

    /// <summary>The actions serving the decision, oldest first, as the project's action list shows them.</summary>
    private static async Task<IReadOnlyList<TrailAction>> Actions(IGrainFactory grains, Actor actor, Guid projectId, Guid decisionId)
    {
        var ids = await grains.ProjectList(projectId, ProjectListKind.Actions).List(actor);
        var actions = await Task.WhenAll(ids.Reverse().Select(id => grains.GetGrain<IDeliveryActionGrain>(id).Peek()));
        return [.. actions
            .OfType<DeliveryActionView>()
            .Where(a => a.ProjectId == projectId && a.DecisionIds.Contains(decisionId))
            .Select(a => new TrailAction(a.Id, a.Title, a.OwnerId, a.DueDate, a.Status, a.DroppedReason, a.UpdatedAt))];
    }

    /// <summary>The surveys linked to the decision as evidence, oldest first, each read as the caller.</summary>
    private static async Task<IReadOnlyList<TrailSurvey>> Surveys(IGrainFactory grains, Actor actor, Guid projectId, Guid decisionId)
    {
        var ids = await grains.ProjectList(projectId, ProjectListKind.Surveys).List(actor);
        var surveys = await Task.WhenAll(ids.Reverse().Select(id => grains.GetGrain<ISurveyGrain>(id).Get(actor, projectId).OrNullWhenNotFound()));
        return [.. surveys
            .OfType<Versioned<SurveyView>>()
            .Select(s => s.Value)
            .Where(s => s.DecisionIds.Contains(decisionId))
            .Select(s => new TrailSurvey(s.Id, s.Title, s.Anonymous, s.Status, s.Respondents))];
    }

    /// <summary>The published entries on the decision, oldest first, as the project's feedback list shows them to the caller.</summary>
    private static async Task<IReadOnlyList<FeedbackView>> Feedback(IGrainFactory grains, Actor actor, Guid projectId, Guid decisionId)
    {
        var overview = await grains.GetGrain<IProjectFeedbackGrain>(projectId).Overview(actor);
        var entries = await Task.WhenAll(overview.Ids.Reverse().Select(id => grains.GetGrain<IFeedbackGrain>(id).Peek()));
        return [.. entries
            .OfType<FeedbackView>()
            .Where(e => e.ProjectId == projectId && e.DecisionId == decisionId && e.Status == FeedbackStatus.Published)];
    }
}
