using CoProduce.Journal.Storage;
using CoProduce.Runtime.Activations;
using CoProduce.Runtime.Grains;
using CoProduce.Runtime.State;
using Microsoft.Extensions.Logging;

namespace CoProduce.Runtime.Reminders;

/// <summary>
/// Fires due reminders. Each node scans the table; a versioned claim makes exactly one node fire each
/// tick, and the grain is activated wherever the claim was won. Missed ticks (host down) fire once.
/// </summary>
internal sealed partial class ReminderService(GrainRuntime runtime, IGrainStorage storage, ReminderOptions options, TimeProvider time, ILogger<ReminderService> logger)
{
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PollInterval);
        do
        {
            try
            {
                await FireDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping in the middle of a scan: the next host picks up where this one left off.
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogScanFailed(logger, e);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var due = await storage.ReadDueRemindersAsync(now, options.BatchSize, cancellationToken);
        var fired = 0;
        foreach (var reminder in due)
        {
            if (!runtime.IsKnownType(reminder.GrainType))
            {
                continue;
            }

            var next = NextDue(reminder, now);
            if (!await storage.TryClaimReminderAsync(reminder, next, cancellationToken))
            {
                continue;
            }

            fired++;
            var tick = new ReminderTick(
                DateTimeOffset.FromUnixTimeMilliseconds(reminder.NextDueMs),
                DateTimeOffset.FromUnixTimeMilliseconds(now),
                TimeSpan.FromMilliseconds(reminder.PeriodMs));
            var id = new GrainId(reminder.GrainType, reminder.GrainKey);
            _ = DeliverAsync(id, reminder.Name, tick);
        }

        return fired;
    }

    private async Task DeliverAsync(GrainId id, string name, ReminderTick tick)
    {
        for (var retries = 0; ; retries++)
        {
            try
            {
                await runtime.InvokeSystemAsync(id, grain => ReceiveAsync(grain, name, tick), $"reminder {name}");
                return;
            }
            catch (InconsistentStateException) when (runtime.Options.MultiNode && retries < runtime.Options.StaleRetries)
            {
                // Another node changed the grain since this node loaded it: the stale activation goes,
                // and the tick this node claimed runs again on a fresh one rather than being lost.
            }
            catch (Exception e)
            {
                LogDeliveryFailed(logger, name, id, e);
                return;
            }
        }
    }

    /// <summary>Multi-node, the tick first checks the activation's copy is current, as every call does.</summary>
    private async Task ReceiveAsync(Grain grain, string name, ReminderTick tick)
    {
        if (runtime.Options.MultiNode)
        {
            await grain.Activation.EnsureFreshAsync();
        }

        await ((IRemindable)grain).ReceiveReminder(name, tick);
    }

    /// <summary>The first due time after now on the reminder's schedule.</summary>
    private static long NextDue(ReminderRow reminder, long now)
    {
        var period = Math.Max(1, reminder.PeriodMs);
        var missed = (now - reminder.NextDueMs) / period;
        return reminder.NextDueMs + ((missed + 1) * period);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanning for due reminders failed")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Name} of {GrainId} failed")]
    private static partial void LogDeliveryFailed(ILogger logger, string name, GrainId grainId, Exception exception);
}
