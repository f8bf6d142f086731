using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CoProduce.Benchmarks.Reporting;

/// <summary>
/// Benchmarks run in this process (no generated project to restore on a machine with a partial
/// package mirror); baseline and candidate always share a run, so ratios are like for like.
/// </summary>
public static class BenchmarkSetup
{
    public static IConfig Config(bool quick)
    {
        var job = (quick ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
        return ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
