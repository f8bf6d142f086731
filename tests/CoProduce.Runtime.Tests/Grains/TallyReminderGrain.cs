using CoProduce.Runtime.Grains;
using CoProduce.Runtime.Reminders;
using CoProduce.Runtime.State;
using CoProduce.Runtime.Tests.Fixtures;

namespace CoProduce.Runtime.Tests.Grains;

public interface ITallyReminderGrain : IGrainWithStringKey, IRemindable
{
    Task<int> Add();

    Task<int> Value();

    Task Remind(TimeSpan dueTime, TimeSpan period);
}

/// <summary>A stored tally that a reminder tick also adds to, reporting the total each tick wrote.</summary>
public sealed class TallyReminderGrain([PersistentState("tally")] IPersistentState<CounterState> state, TestProbe probe) : Grain, ITallyReminderGrain
{
    public async Task<int> Add()
    {
        state.State = state.State with { Value = state.State.Value + 1 };
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> Value() => Task.FromResult(state.State.Value);

    public Task Remind(TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder("tally", dueTime, period);

    public async Task ReceiveReminder(string reminderName, ReminderTick tick)
    {
        var total = await Add();
        probe.Signal($"ticked:{GrainId.Key}", total);
    }
}
