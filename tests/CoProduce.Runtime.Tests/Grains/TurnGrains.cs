using CoProduce.Runtime.Grains;
using CoProduce.Runtime.Tests.Fixtures;

namespace CoProduce.Runtime.Tests.Grains;

public interface ITurnGrain : IGrainWithStringKey
{
    /// <summary>Enters, yields a few times, leaves; returns how many requests were inside at once at most.</summary>
    Task<int> Work();

    /// <summary>Signals "entered:{key}:{tag}", then waits for the test to signal "release:{key}:{tag}".</summary>
    Task Hold(string tag);

    [ReadOnly]
    Task HoldReading(string tag);

    [AlwaysInterleave]
    Task<string> Ping();

    /// <summary>How many requests were inside at once, at most, and how many threads ran grain code at once.</summary>
    Task<(int Requests, int Threads)> Peaks();
}

/// <summary>Counts requests in flight and threads inside grain code.</summary>
public class TurnGrain(TestProbe probe) : Grain, ITurnGrain
{
    private int _inside;
    private int _peak;
    private int _threadsInside;
    private int _threadPeak;

    public async Task<int> Work()
    {
        Enter();
        for (var i = 0; i < 3; i++)
        {
            Step();
            await Task.Yield();
            Step();
            await Task.Delay(1);
        }

        _inside--;
        return _peak;
    }

    public async Task Hold(string tag)
    {
        Enter();
        probe.Signal($"entered:{GrainId.Key}:{tag}");
        await probe.WhenSignalled($"release:{GrainId.Key}:{tag}");
        Step();
        _inside--;
    }

    public Task HoldReading(string tag) => Hold(tag);

    public Task<string> Ping() => Task.FromResult("pong");

    public Task<(int Requests, int Threads)> Peaks() => Task.FromResult((_peak, _threadPeak));

    private void Enter()
    {
        _inside++;
        _peak = Math.Max(_peak, _inside);
        Step();
    }

    /// <summary>Detects two threads in grain code at once: the grain's fields are not thread-safe on purpose.</summary>
    private void Step()
    {
        var now = Interlocked.Increment(ref _threadsInside);
        _threadPeak = Math.Max(_threadPeak, now);
        Thread.SpinWait(200);
        Interlocked.Decrement(ref _threadsInside);
    }
}

public interface IReentrantTurnGrain : ITurnGrain;

[Reentrant]
public sealed class ReentrantTurnGrain(TestProbe probe) : TurnGrain(probe), IReentrantTurnGrain;
