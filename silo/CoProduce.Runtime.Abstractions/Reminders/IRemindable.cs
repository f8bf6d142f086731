using CoProduce.Runtime.Grains;

namespace CoProduce.Runtime.Reminders;

/// <summary>A grain that receives durable reminders. Reminders survive restarts and reactivate the grain.</summary>
public interface IRemindable : IGrain
{
    /// <summary>Called when the reminder <paramref name="reminderName"/> is due.</summary>
    Task ReceiveReminder(string reminderName, ReminderTick tick);
}

/// <summary>When a reminder was due and when it fired.</summary>
public readonly record struct ReminderTick(DateTimeOffset DueAt, DateTimeOffset FiredAt, TimeSpan Period);
