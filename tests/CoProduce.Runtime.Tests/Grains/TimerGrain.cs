using CoProduce.Runtime.Grains;
using CoProduce.Runtime.Tests.Fixtures;

namespace CoProduce.Runtime.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task Start(int ticksToSignal);

    Task<int> PeakOverlap();

    Task Deactivate();
}

/// <summary>A timer whose ticks are slower than its period, to show ticks never overlap.</summary>
public sealed class TimerGrain(TestProbe probe) : Grain, ITimerGrain
{
    private int _inside;
    private int _peak;
    private int _ticks;
    private int _ticksToSignal;

    public Task Start(int ticksToSignal)
    {
        _ticksToSignal = ticksToSignal;
        RegisterGrainTimer(TickAsync, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5));
        return Task.CompletedTask;
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        _peak = Math.Max(_peak, ++_inside);
        await Task.Delay(20, CancellationToken.None);
        _inside--;
        if (++_ticks == _ticksToSignal)
        {
            probe.Signal($"ticks:{GrainId.Key}", cancellationToken);
        }
    }

    public Task<int> PeakOverlap() => Task.FromResult(_peak);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Signal($"deactivated:{GrainId.Key}");
        return Task.CompletedTask;
    }
}
