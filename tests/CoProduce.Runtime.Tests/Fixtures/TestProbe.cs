using System.Collections.Concurrent;

namespace CoProduce.Runtime.Tests.Fixtures;

/// <summary>What test grains report to the test: counters and one-shot signals, all keyed by name.</summary>
public sealed class TestProbe
{
    private readonly ConcurrentDictionary<string, int> _counters = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<object?>> _signals = new();

    public int Increment(string name) => _counters.AddOrUpdate(name, 1, (_, n) => n + 1);

    public int Count(string name) => _counters.GetValueOrDefault(name);

    public void Signal(string name, object? value = null) => Slot(name).TrySetResult(value);

    public Task<object?> WhenSignalled(string name) => Slot(name).Task.WaitAsync(TimeSpan.FromSeconds(30));

    private TaskCompletionSource<object?> Slot(string name) =>
        _signals.GetOrAdd(name, _ => new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously));
}
