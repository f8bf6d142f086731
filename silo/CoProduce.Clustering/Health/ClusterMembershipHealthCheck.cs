using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CoProduce.Clustering.Health;

/// <summary>
/// Ready only while this silo is an Active member of the cluster: a joining, shutting-down or dead silo must not be
/// sent traffic. For <c>/health/ready</c> (tag <see cref="ClusterSiloBuilderExtensions.ReadyTag"/>).
/// </summary>
public sealed class ClusterMembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        var description = $"Silo {silo.SiloAddress} is {status} in cluster {silo.ClusterId}.";
        return Task.FromResult(status == SiloStatus.Active ? HealthCheckResult.Healthy(description) : HealthCheckResult.Unhealthy(description));
    }
}
