namespace CoProduce.OrleansStorage.Tests.Grains;

[GrainType("probe")]
public sealed class ProbeGrain(
    [PersistentState("probe", ProbeGrain.StorageName)] IPersistentState<ProbeState> state,
    HostName host) : Grain, IProbeGrain, IRemindable
{
    public const string StorageName = "orleans-ado";
    public const string ReminderName = "probe-reminder";

    private readonly Guid _activation = Guid.NewGuid();

    public Task<int?> Value() => Task.FromResult(state.State.Value);

    public async Task<int?> StoredValue()
    {
        await state.ReadStateAsync();
        return state.State.Value;
    }

    public Task Write(int value)
    {
        state.State.Value = value;
        return state.WriteStateAsync();
    }

    public Task Clear() => state.ClearStateAsync();

    public Task Remind(TimeSpan due, TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, due, period);

    public Task<string?> TickedOn() => Task.FromResult(state.State.TickedOn);

    public Task<Guid> Activation() => Task.FromResult(_activation);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.TickedOn = host.Value;
        return state.WriteStateAsync();
    }
}
