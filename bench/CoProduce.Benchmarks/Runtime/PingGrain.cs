using CoProduce.Runtime.Grains;

namespace CoProduce.Benchmarks.Runtime;

/// <summary>The smallest useful call: one argument in, one value out, no storage.</summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    Task<int> Ping(int value);
}

/// <summary>The same work as a plain object, for the baseline.</summary>
public interface IPingTarget
{
    Task<int> Ping(int value);
}

public sealed class PingGrain : Grain, IPingGrain, IPingTarget
{
    private int _calls;

    public Task<int> Ping(int value)
    {
        _calls++;
        return Task.FromResult(value);
    }
}

/// <summary>A plain object guarded the conventional way: one SemaphoreSlim per object.</summary>
public sealed class GuardedTarget
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IPingTarget _target = new PingGrain();

    public async Task<int> Ping(int value)
    {
        await _gate.WaitAsync();
        try
        {
            return await _target.Ping(value);
        }
        finally
        {
            _gate.Release();
        }
    }
}
