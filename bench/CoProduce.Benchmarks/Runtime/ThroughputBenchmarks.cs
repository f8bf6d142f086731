using BenchmarkDotNet.Attributes;

namespace CoProduce.Benchmarks.Runtime;

/// <summary>
/// Calls spread over 1,000 grains from two concurrent callers (one per core), against the same over
/// 1,000 SemaphoreSlim-guarded objects. Each operation is one call, so calls/s = 1e9 / mean ns.
/// </summary>
[MemoryDiagnoser]
public class ThroughputBenchmarks
{
    public const int Targets = 1000;
    private const int Rounds = 10;

    private BenchmarkSilo? _silo;
    private IPingGrain[] _grains = [];
    private GuardedTarget[] _guarded = [];

    [GlobalSetup]
    public void Setup()
    {
        _silo = new BenchmarkSilo();
        _grains = [.. Enumerable.Range(0, Targets).Select(i => _silo.Grains.GetGrain<IPingGrain>(i))];
        _guarded = [.. Enumerable.Range(0, Targets).Select(_ => new GuardedTarget())];
        Task.WhenAll(_grains.Select(g => g.Ping(0))).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _silo?.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Targets * Rounds, Description = "1,000 guarded objects, 2 callers")]
    public Task GuardedObjects() => Task.WhenAll(
        Task.Run(() => CallRange(_guarded, 0, Targets / 2)),
        Task.Run(() => CallRange(_guarded, Targets / 2, Targets)));

    [Benchmark(OperationsPerInvoke = Targets * Rounds, Description = "1,000 grains, 2 callers")]
    public Task Grains() => Task.WhenAll(
        Task.Run(() => CallRange(_grains, 0, Targets / 2)),
        Task.Run(() => CallRange(_grains, Targets / 2, Targets)));

    private static async Task CallRange(GuardedTarget[] targets, int from, int to)
    {
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = from; i < to; i++)
            {
                await targets[i].Ping(i);
            }
        }
    }

    private static async Task CallRange(IPingGrain[] grains, int from, int to)
    {
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = from; i < to; i++)
            {
                await grains[i].Ping(i);
            }
        }
    }
}
