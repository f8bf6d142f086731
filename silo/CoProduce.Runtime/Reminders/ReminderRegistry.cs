using CoProduce.Journal.Storage;
using CoProduce.Runtime.Grains;

namespace CoProduce.Runtime.Reminders;

/// <summary>Registers and removes durable reminders on behalf of grains.</summary>
internal sealed class ReminderRegistry(IGrainStorage storage, ReminderOptions options, TimeProvider time)
{
    public Task RegisterAsync(Grain grain, string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (grain is not IRemindable)
        {
            throw new InvalidOperationException($"{grain.GetType().Name} must implement IRemindable to register reminders.");
        }

        if (period < options.MinimumPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"A reminder's period must be at least {options.MinimumPeriod}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
        var id = grain.GrainId;
        var due = time.GetUtcNow().Add(dueTime).ToUnixTimeMilliseconds();
        return storage.UpsertReminderAsync(new ReminderRow(id.Type, id.Key, name, (long)period.TotalMilliseconds, due, 0), CancellationToken.None);
    }

    public Task<bool> UnregisterAsync(GrainId grain, string name) =>
        storage.DeleteReminderAsync(grain.Type, grain.Key, name, CancellationToken.None);
}
