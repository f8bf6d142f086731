using CoProduce.Runtime.Grains;
using CoProduce.Runtime.Reminders;
using CoProduce.Runtime.Tests.Fixtures;

namespace CoProduce.Runtime.Tests.Grains;

public interface IReminderGrain : IGrainWithStringKey, IRemindable
{
    Task Remind(string name, TimeSpan dueTime, TimeSpan period);

    Task<bool> Forget(string name);
}

public sealed class ReminderGrain(TestProbe probe) : Grain, IReminderGrain
{
    public Task Remind(string name, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(name, dueTime, period);

    public Task<bool> Forget(string name) => UnregisterReminder(name);

    public Task ReceiveReminder(string reminderName, ReminderTick tick)
    {
        probe.Increment($"reminded:{GrainId.Key}:{reminderName}");
        probe.Signal($"reminded:{GrainId.Key}:{reminderName}", tick);
        return Task.CompletedTask;
    }
}
