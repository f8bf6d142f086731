namespace CoProduce.Runtime.Reminders;

/// <summary>Reminder settings, section CoProduce:Reminders.</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "CoProduce:Reminders";

    /// <summary>The shortest period a reminder may have (Orleans: one minute). Tests lower it.</summary>
    public TimeSpan MinimumPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the reminder table is scanned for due reminders.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many due reminders one scan fires at most.</summary>
    public int BatchSize { get; set; } = 200;
}
