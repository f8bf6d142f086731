using CoProduce.Grains.Payments.Storage;
using CoProduce.Journal.Storage;
using Microsoft.Extensions.Hosting;

namespace CoProduce.Grains.Payments.Payouts;

/// <summary>Migrates the payments tables, then registers the scheduled payout with Hangfire and resumes runs whose job is gone.</summary>
internal sealed class PaymentsHostedService(PaymentStore store, PayoutScheduler scheduler, IGrainStorage grainStorage) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Grain storage migrates first (and creates the SQLite folder); the payments tables sit beside its tables.
        await grainStorage.MigrateAsync(cancellationToken);
        await store.MigrateAsync(cancellationToken);
        await scheduler.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
