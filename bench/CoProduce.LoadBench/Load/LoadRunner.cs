using System.Diagnostics;

namespace CoProduce.LoadBench.Load;

/// <summary>What one load run measured.</summary>
public sealed record LoadResult(string Name, int Workers, TimeSpan Duration, long Succeeded, long Failed, double PerSecond, double P50Ms, double P99Ms)
{
    public override string ToString() =>
        $"{Name}: {Succeeded:N0} ok, {Failed:N0} failed in {Duration.TotalSeconds:0.0} s with {Workers} workers: {PerSecond:N0}/s, p50 {P50Ms:0.00} ms, p99 {P99Ms:0.00} ms";
}

/// <summary>
/// Closed-loop load: each worker sends its next request as soon as the last one answered, for a fixed
/// time; every latency is kept, so percentiles are exact rather than sampled.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(string name, int workers, TimeSpan duration, Func<int, long, Task<bool>> send)
    {
        var latencies = new List<double>[workers];
        var failed = 0L;
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            for (long n = 0; clock.Elapsed < duration; n++)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await send(worker, n);
                if (ok)
                {
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(name, workers, elapsed, all.Length, failed, all.Length / elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
