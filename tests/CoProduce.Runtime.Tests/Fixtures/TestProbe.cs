using System.Collections.Concurrent;

namespace CoProduce.Runtime.Tests.Fixtures;

/// <summary>What test grains report to the test: counters and one-shot signals, all keyed by name.</summary>
public sealed class TestProbe
{
    private readonly ConcurrentDictionary<string, int> _counters = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<object?>> _signals = new();
    private readonly ConcurrentDictionary<(string Name, int Count), TaskCompletionSource> _counts = new();

    public int Increment(string name)
    {
        var count = _counters.AddOrUpdate(name, 1, (_, n) => n + 1);
        if (_counts.TryGetValue((name, count), out var reached))
        {
            reached.TrySetResult();
        }

        return count;
    }

    public int Count(string name) => _counters.GetValueOrDefault(name);

    /// <summary>Completes once the counter <paramref name="name"/> has reached <paramref name="count"/> (it only goes up, by one).</summary>
    public Task WhenCount(string name, int count)
    {
        var reached = _counts.GetOrAdd((name, count), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (Count(name) >= count)
        {
            reached.TrySetResult();
        }

        return reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public void Signal(string name, object? value = null) => Slot(name).TrySetResult(value);

    public Task<object?> WhenSignalled(string name) => Slot(name).Task.WaitAsync(TimeSpan.FromSeconds(30));

    private TaskCompletionSource<object?> Slot(string name) =>
        _signals.GetOrAdd(name, _ => new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously));
}
