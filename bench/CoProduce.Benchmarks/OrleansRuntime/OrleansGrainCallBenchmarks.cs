using BenchmarkDotNet.Attributes;

namespace CoProduce.Benchmarks.OrleansRuntime;

/// <summary>
/// An uncontended call from the host's client to a CoProduce grain (JournaledGrain with a [JournaledState]
/// facet, through the journal call filter) against the same in-memory work in a bare Orleans grain. The journal's
/// call filter is silo-wide, so the bare grain runs in a silo without the journal (the same composition
/// otherwise), one silo at a time in this process; the bare grain beside the journal is measured for comparison.
/// </summary>
[MemoryDiagnoser]
public class OrleansGrainCallBenchmarks
{
    private BenchOrleansSilo? _silo;
    private ICounterGrain? _grain;

    [GlobalSetup(Target = nameof(BareGrainCall))]
    public void SetupBare() => Start(withJournal: false, grain => grain.GetGrain<ICounterGrain>(1, typeof(BareCounterGrain).FullName));

    [GlobalSetup(Target = nameof(OrleansJournaledGrainCall))]
    public void SetupJournaled() => Start(withJournal: true, grain => grain.GetGrain<ICounterGrain>(1, typeof(JournaledCounterGrain).FullName));

    [GlobalSetup(Target = nameof(OrleansBareGrainCallBesideJournal))]
    public void SetupBareBesideJournal() => Start(withJournal: true, grain => grain.GetGrain<ICounterGrain>(1, typeof(BareCounterGrain).FullName));

    [GlobalCleanup]
    public void Cleanup() => _silo?.Dispose();

    [Benchmark(Baseline = true, Description = "Bare Orleans grain call")]
    public Task<int> BareGrainCall() => _grain!.Add(1);

    [Benchmark(Description = "CoProduce grain call (journal facet and filter)")]
    public Task<int> OrleansJournaledGrainCall() => _grain!.Add(1);

    [Benchmark(Description = "Bare Orleans grain call in the journal's silo (filter only)")]
    public Task<int> OrleansBareGrainCallBesideJournal() => _grain!.Add(1);

    private void Start(bool withJournal, Func<Orleans.IGrainFactory, ICounterGrain> grain)
    {
        _silo = BenchOrleansSilo.OnSqlite(withJournal);
        _grain = grain(_silo.Grains);
        _grain.Add(0).GetAwaiter().GetResult();
    }
}
