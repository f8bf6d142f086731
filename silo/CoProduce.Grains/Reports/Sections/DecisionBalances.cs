using CoProduce.Grains.Decisions;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Reports.Sections;

/// <summary>The closed decisions of a project, oldest first, as the decision grains report them.</summary>
public static class DecisionBalances
{
    public static async Task<IReadOnlyList<DecisionBalance>> ClosedAsync(IGrainFactory grains, Guid projectId)
    {
        var ids = await grains.ProjectList(projectId, ProjectListKind.Decisions).Ids();
        var balances = await Task.WhenAll(ids.Select(id => grains.GetGrain<IDecisionGrain>(id).Balance()));
        return [.. balances
            .OfType<DecisionBalance>()
            .Where(b => b.ProjectId == projectId && b.ClosedAt is not null && b.Outcome is not null)
            .OrderBy(b => b.ClosedAt)];
    }

    public static string Text(GroupChoice? choice) => choice is null ? "" : string.Join(" / ", choice.Choice);

    public static bool Same(GroupChoice a, GroupChoice b) => a.Choice.SequenceEqual(b.Choice, StringComparer.Ordinal);
}
