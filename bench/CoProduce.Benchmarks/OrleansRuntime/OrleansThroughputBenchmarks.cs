using BenchmarkDotNet.Attributes;

namespace CoProduce.Benchmarks.OrleansRuntime;

/// <summary>
/// Calls across 1,000 grains from the host's client, all 1,000 in flight at once, ten rounds per operation:
/// CoProduce grains (journal facet and filter) against bare Orleans grains in a silo without the journal.
/// Each operation counts its calls, so calls/s = 1e9 / mean ns.
/// </summary>
[MemoryDiagnoser]
public class OrleansThroughputBenchmarks
{
    public const int Targets = 1000;
    private const int Rounds = 10;

    private BenchOrleansSilo? _silo;
    private ICounterGrain[] _grains = [];

    [GlobalSetup(Target = nameof(BareGrains))]
    public void SetupBare() => Start(withJournal: false, typeof(BareCounterGrain));

    [GlobalSetup(Target = nameof(OrleansJournaledGrains))]
    public void SetupJournaled() => Start(withJournal: true, typeof(JournaledCounterGrain));

    [GlobalCleanup]
    public void Cleanup() => _silo?.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Targets * Rounds, Description = "1,000 bare Orleans grains, all in flight")]
    public Task BareGrains() => CallAll();

    [Benchmark(OperationsPerInvoke = Targets * Rounds, Description = "1,000 CoProduce grains, all in flight")]
    public Task OrleansJournaledGrains() => CallAll();

    private async Task CallAll()
    {
        var calls = new Task<int>[Targets];
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < Targets; i++)
            {
                calls[i] = _grains[i].Add(1);
            }

            await Task.WhenAll(calls);
        }
    }

    private void Start(bool withJournal, Type grainClass)
    {
        _silo = BenchOrleansSilo.OnSqlite(withJournal);
        _grains = [.. Enumerable.Range(0, Targets).Select(i => _silo.Grains.GetGrain<ICounterGrain>(i, grainClass.FullName))];
        Task.WhenAll(_grains.Select(g => g.Add(0))).GetAwaiter().GetResult();
    }
}
