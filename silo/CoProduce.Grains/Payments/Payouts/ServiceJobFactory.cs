using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Quartz.Spi;

namespace CoProduce.Grains.Payments.Payouts;

/// <summary>Quartz's job factory over the host's services: each firing gets a job with its dependencies injected, in its own scope.</summary>
internal sealed class ServiceJobFactory(IServiceProvider services) : IJobFactory
{
    private readonly Dictionary<IJob, IServiceScope> _scopes = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _lock = new();

    public IJob NewJob(TriggerFiredBundle bundle, IScheduler scheduler)
    {
        var scope = services.CreateScope();
        var job = (IJob)ActivatorUtilities.CreateInstance(scope.ServiceProvider, bundle.JobDetail.JobType);
        lock (_lock)
        {
            _scopes[job] = scope;
        }

        return job;
    }

    public void ReturnJob(IJob job)
    {
        IServiceScope? scope;
        lock (_lock)
        {
            _scopes.Remove(job, out scope);
        }

        scope?.Dispose();
    }
}
