using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace CoProduce.Benchmarks.Reporting;

/// <summary>
/// A check of a BenchmarkDotNet class that holds up on a shared, loaded machine: its benchmarks run in
/// turns (a batch each, in a shuffled order per round) on one instance, so a change in the machine's
/// load falls on the baseline and the candidates alike; then each one's median and mean time per
/// operation and its median rate against the baseline's. Only for async benchmarks of I/O (one
/// timestamp pair per operation); BenchmarkDotNet's own run stays the reported figure.
/// </summary>
public static class InterleavedRun
{
    public static async Task<string> RunAsync(Type benchmarks, int rounds, int batch = 50)
    {
        var methods = benchmarks.GetMethods()
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<BenchmarkAttribute>()))
            .Where(m => m.Attribute is not null)
            .OrderByDescending(m => m.Attribute!.Baseline)
            .ToList();
        if (methods.Any(m => m.Method.ReturnType != typeof(Task) || m.Method.GetParameters().Length > 0))
        {
            return $"Interleaved: {benchmarks.Name} skipped (only parameterless benchmarks returning Task can run in turns).";
        }

        var instance = Activator.CreateInstance(benchmarks)!;
        Invoke<GlobalSetupAttribute>(benchmarks, instance);
        try
        {
            var runs = methods.Select(m => m.Method.CreateDelegate<Func<Task>>(instance)).ToList();
            var samples = methods.Select(_ => new List<double>()).ToList();
            foreach (var run in runs)
            {
                for (var i = 0; i < batch; i++)
                {
                    await run();
                }
            }

            var random = new Random(5);
            for (var round = 0; round < rounds; round++)
            {
                foreach (var index in Enumerable.Range(0, runs.Count).OrderBy(_ => random.Next()))
                {
                    for (var i = 0; i < batch; i++)
                    {
                        var start = Stopwatch.GetTimestamp();
                        await runs[index]();
                        samples[index].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                    }
                }
            }

            var medians = samples.Select(s => s.Order().ElementAt(s.Count / 2)).ToList();
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"Interleaved: {benchmarks.Name}, {rounds} rounds of {batch} operations each");
            text.AppendLine("| benchmark | median | mean | median rate vs baseline |");
            text.AppendLine("|---|---|---|---|");
            for (var i = 0; i < methods.Count; i++)
            {
                var name = methods[i].Attribute!.Description ?? methods[i].Method.Name;
                text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {medians[i]:0} us | {samples[i].Average():0} us | {medians[0] / medians[i]:0.00} |");
            }

            return text.ToString();
        }
        finally
        {
            Invoke<GlobalCleanupAttribute>(benchmarks, instance);
        }
    }

    private static void Invoke<TAttribute>(Type benchmarks, object instance)
        where TAttribute : Attribute
    {
        foreach (var method in benchmarks.GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            method.Invoke(instance, null);
        }
    }
}
