using BenchmarkDotNet.Attributes;

namespace CoProduce.Benchmarks.Runtime;

/// <summary>An uncontended grain call against a direct call on the same object guarded by a SemaphoreSlim.</summary>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    private BenchmarkSilo? _silo;
    private IPingGrain? _grain;
    private readonly GuardedTarget _guarded = new();

    [GlobalSetup]
    public void Setup()
    {
        _silo = new BenchmarkSilo();
        _grain = _silo.Grains.GetGrain<IPingGrain>(1);
        _grain.Ping(0).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _silo?.Dispose();

    [Benchmark(Baseline = true, Description = "SemaphoreSlim-guarded direct call")]
    public Task<int> GuardedCall() => _guarded.Ping(1);

    [Benchmark(Description = "Grain call")]
    public Task<int> GrainCall() => _grain!.Ping(1);
}
