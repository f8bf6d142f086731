using CoProduce.Grains.Payments.Storage;
using CoProduce.Journal.Storage;
using Microsoft.Extensions.Hosting;

namespace CoProduce.Grains.Payments.Payouts;

/// <summary>Migrates the payments tables, then starts the payout scheduler; stops it with the host.</summary>
internal sealed class PaymentsHostedService(
    PaymentStore store,
    PayoutScheduler scheduler,
    IGrainStorage grainStorage,
    IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Grain storage migrates first (and creates the SQLite folder); the payments tables sit beside its tables.
        await grainStorage.MigrateAsync(cancellationToken);
        await store.MigrateAsync(cancellationToken);
        await scheduler.StartAsync(services, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => scheduler.StopAsync(cancellationToken);
}
