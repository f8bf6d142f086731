using System.Globalization;

namespace CoProduce.Grains.Live;

/// <summary>The notice every node sends when a project's live journal grows: "projectId:sequence", on one channel.</summary>
public static class LiveNotices
{
    public const string Channel = "coproduce_live";

    public const string GrainType = "projectlive";

    public static string Format(Guid projectId, long sequence) => $"{projectId:N}:{sequence.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParse(string payload, out Guid projectId, out long sequence)
    {
        sequence = 0;
        projectId = Guid.Empty;
        var parts = payload.Split(':');
        return parts.Length == 2
            && Guid.TryParseExact(parts[0], "N", out projectId)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }
}
