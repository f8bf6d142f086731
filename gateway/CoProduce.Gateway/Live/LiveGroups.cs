namespace CoProduce.Gateway.Live;

/// <summary>
/// Each project has two groups on each node: facilitators, who receive events whole, and everyone else,
/// who receive them without what only facilitators may see.
/// </summary>
internal static class LiveGroups
{
    public static string For(Guid projectId, bool facilitator) => $"live:{projectId:N}:{(facilitator ? "f" : "p")}";
}
