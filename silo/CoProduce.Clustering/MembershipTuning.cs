using Orleans.Configuration;

namespace CoProduce.Clustering;

/// <summary>
/// Membership settings that declare a killed silo dead within 10 s (Orleans' defaults take about 15 s). Any
/// <see cref="ClusterMembershipOptions"/> property can be overridden in section <c>CoProduce:Cluster:Membership</c>.
/// </summary>
public static class MembershipTuning
{
    public const string SectionName = $"{CoProduceClusterOptions.SectionName}:Membership";

    public static void Apply(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Detection is about NumMissedProbesLimit x ProbeTimeout, plus one table write and gossip.
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 3;

        // On a busy small machine a degraded silo would otherwise stretch its probe timeout and miss the 10 s goal.
        options.ExtendProbeTimeoutDuringDegradation = false;

        // A safety net for a missed gossip message: every silo re-reads the membership table this often.
        options.TableRefreshTimeout = TimeSpan.FromSeconds(10);
    }
}
