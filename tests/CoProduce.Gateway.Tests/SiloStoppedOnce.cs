using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CoProduce.Gateway.Tests;

/// <summary>
/// Takes the place of Orleans' own hosted service for the silo in a test host. The test host stops the application twice
/// at once (the factory stops it, and the program's run, woken by the stopping application, stops it too); Orleans
/// answers the second stop by polling the first once a second, so half of all test hosts took a second longer to stop.
/// Here both stops wait for the one shutdown.
/// </summary>
internal sealed class SiloStoppedOnce(Silo silo) : IHostedService
{
    private readonly Lock _gate = new();
    private Task? _stopping;

    public Task StartAsync(CancellationToken cancellationToken) => silo.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _stopping ??= silo.StopAsync(cancellationToken);
        }
    }

    /// <summary>Puts this service where Orleans registered its own, so that it starts and stops in the same order.</summary>
    public static void Replace(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            if (services[i].ServiceType == typeof(IHostedService) && services[i].ImplementationType?.FullName == "Orleans.Hosting.SiloHostedService")
            {
                services[i] = ServiceDescriptor.Singleton<IHostedService, SiloStoppedOnce>();
                return;
            }
        }

        throw new InvalidOperationException("Orleans' hosted service for the silo was not found; has Orleans renamed it?");
    }
}
