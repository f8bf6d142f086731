namespace CoProduce.Grains.Tests.Cluster;

/// <summary>
/// The system's clock moved on by what a test adds, as the silos' TimeProvider: a lease can run out without waiting
/// for it, while timers and everything else keep real time. A test that moves it sets it back when it ends.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _shiftTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _shiftTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _shiftTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref _shiftTicks, 0);
}
