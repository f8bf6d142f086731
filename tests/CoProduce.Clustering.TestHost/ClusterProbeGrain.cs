using Orleans.Placement;

namespace CoProduce.Clustering.TestHost;

/// <summary>
/// Activates on the silo that first calls it (so a test can place it on a chosen node) and stores through the
/// default storage that <c>AddCoProduceCluster</c> registers.
/// </summary>
[GrainType("cluster-probe"), PreferLocalPlacement]
public sealed class ClusterProbeGrain(
    [PersistentState("cluster-probe")] IPersistentState<ClusterProbeState> state,
    ILocalSiloDetails silo) : Grain, IClusterProbeGrain, IRemindable
{
    public const string ReminderName = "cluster-probe-reminder";

    public Task<string> Silo() => Task.FromResult(silo.SiloAddress.ToString());

    public Task Write(int value)
    {
        state.State.Value = value;
        return state.WriteStateAsync();
    }

    public async Task<int?> StoredValue()
    {
        await state.ReadStateAsync();
        return state.State.Value;
    }

    // Orleans' shortest reminder period is one minute; the test only waits for the first, due-time tick.
    public Task Remind(TimeSpan due) => this.RegisterOrUpdateReminder(ReminderName, due, TimeSpan.FromMinutes(1));

    public async Task<int> StoredTicks()
    {
        await state.ReadStateAsync();
        return state.State.Ticks;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        return state.WriteStateAsync();
    }
}
