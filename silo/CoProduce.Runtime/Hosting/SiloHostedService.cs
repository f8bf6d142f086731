using CoProduce.Journal.Storage;
using CoProduce.Runtime.Activations;
using CoProduce.Runtime.Reminders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoProduce.Runtime.Hosting;

/// <summary>
/// Starts the silo (schema migration, idle collection, reminders) and stops it gracefully: reminders
/// stop first, then every activation finishes its work, runs OnDeactivateAsync and is dropped.
/// </summary>
internal sealed partial class SiloHostedService(
    GrainRuntime runtime,
    IGrainStorage storage,
    ReminderService reminders,
    IOptions<GrainRuntimeOptions> options,
    ILogger<SiloHostedService> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _collector = Task.CompletedTask;
    private Task _reminders = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await storage.MigrateAsync(cancellationToken);
        LogStarted(logger, storage.ProviderName);
        _collector = CollectAsync(_stopping.Token);
        _reminders = reminders.RunAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_collector, _reminders);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.ShutdownTimeout);
        try
        {
            await runtime.DeactivateAllAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            LogShutdownTimedOut(logger, runtime.ActivationCount);
        }
    }

    // The host may dispose services before it stops them; cancelling (not disposing) keeps StopAsync safe.
    public void Dispose() => _stopping.Cancel();

    private async Task CollectAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CollectionQuantum);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                runtime.CollectIdle(options.Value.CollectionAge);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo started on {Provider} storage")]
    private static partial void LogStarted(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown timed out with {Count} activations left")]
    private static partial void LogShutdownTimedOut(ILogger logger, int count);
}
