using CoProduce.Grains.Common;
using CoProduce.Grains.Decisions;

namespace CoProduce.Grains.Delivery;

/// <summary>Asks a decision whether it belongs to a project; one that does not (or does not exist) is a bad field, not a missing page.</summary>
internal static class DecisionLinks
{
    public static async Task<DecisionView> EnsureInProject(IGrainFactory grains, Actor actor, Guid projectId, Guid decisionId, string field)
    {
        try
        {
            var decision = await grains.GetGrain<IDecisionGrain>(decisionId).Get(actor, projectId);
            return decision.Value;
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            throw DomainException.Invalid(field, $"Decision {decisionId} is not a decision of this project.");
        }
    }
}
