using CoProduce.Journal.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CoProduce.Journal.Hosting;

/// <summary>Ready when the grain storage answers.</summary>
internal sealed class StorageHealthCheck(IGrainStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.CheckHealthAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{storage.ProviderName} storage answers.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"{storage.ProviderName} storage does not answer.", e);
        }
    }
}
