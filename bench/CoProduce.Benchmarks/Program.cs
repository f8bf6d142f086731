using BenchmarkDotNet.Running;
using CoProduce.Benchmarks.OrleansRuntime;
using CoProduce.Benchmarks.Reporting;
using CoProduce.Benchmarks.Storage;

var options = BenchmarkOptions.Parse(args);
var config = BenchmarkSetup.Config(options.Quick);
// The home-made runtime's rows stay until the switch to Orleans removes that runtime.
var benchmarks = new List<Type>
{
    typeof(OrleansGrainCallBenchmarks), typeof(OrleansThroughputBenchmarks),
};
if (Environment.GetEnvironmentVariable(BenchDatabase.ServerVariable) is { Length: > 0 })
{
    benchmarks.Add(typeof(PostgresWriteBenchmarks));
    benchmarks.Add(typeof(PostgresJournalWriteBenchmarks));
    benchmarks.Add(typeof(OrleansPostgresWriteBenchmarks));
    benchmarks.Add(typeof(OrleansPostgresJournalWriteBenchmarks));
}
else
{
    Console.WriteLine($"{BenchDatabase.ServerVariable} is not set: skipping the PostgreSQL write benchmarks (scripts/bench.sh sets it).");
}

var summaries = benchmarks.Where(options.Includes).Select(type => BenchmarkRunner.Run(type, config)).ToList();
var report = PerformanceReport.From(summaries);
Console.WriteLine(report);
if (options.InterleavedRounds > 0)
{
    foreach (var type in benchmarks.Where(options.Includes))
    {
        Console.WriteLine(await InterleavedRun.RunAsync(type, options.InterleavedRounds));
    }
}

if (options.ReportPath is { } path)
{
    await File.WriteAllTextAsync(path, report);
    Console.WriteLine($"Report written to {Path.GetFullPath(path)}");
}

return 0;
