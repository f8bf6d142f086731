using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CoProduce.Gateway.Health;

/// <summary>
/// Remembers when a request last found storage full or read-only. A database can answer "SELECT 1" and still
/// refuse every write, so readiness (<c>/health/ready</c>) reports it until <see cref="Hold"/> has passed
/// without another such failure, and a load balancer sends people to a node that can write.
/// </summary>
public sealed class StorageWriteHealth(TimeProvider time)
{
    /// <summary>How long one failed write keeps readiness down.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);

    private long _lastFailureTicks;

    /// <summary>A write was refused because storage is full or read-only.</summary>
    public void Failed() => Interlocked.Exchange(ref _lastFailureTicks, time.GetUtcNow().UtcTicks);

    /// <summary>When the last refused write was, if within <see cref="Hold"/>.</summary>
    public DateTimeOffset? RecentFailure()
    {
        var ticks = Interlocked.Read(ref _lastFailureTicks);
        if (ticks == 0)
        {
            return null;
        }

        var at = new DateTimeOffset(ticks, TimeSpan.Zero);
        return time.GetUtcNow() - at < Hold ? at : null;
    }
}

/// <summary>The readiness check "storage-writes": unhealthy while storage has recently refused writes.</summary>
internal sealed class StorageWriteHealthCheck(StorageWriteHealth writes) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(writes.RecentFailure() is { } at
            ? HealthCheckResult.Unhealthy($"Storage is full or read-only: a write was refused at {at:O}.")
            : HealthCheckResult.Healthy("No write refused for lack of space or permission recently."));
}

/// <summary>Registers <see cref="StorageWriteHealth"/> and its readiness check.</summary>
public static class StorageWriteHealthSetup
{
    public static WebApplicationBuilder AddStorageWriteHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new StorageWriteHealth(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.AddHealthChecks().AddCheck<StorageWriteHealthCheck>("storage-writes", tags: ["ready"]);
        return builder;
    }
}
