using BenchmarkDotNet.Running;
using CoProduce.Benchmarks.Reporting;
using CoProduce.Benchmarks.Runtime;
using CoProduce.Benchmarks.Storage;

var options = BenchmarkOptions.Parse(args);
var config = BenchmarkSetup.Config(options.Quick);
var summaries = new List<BenchmarkDotNet.Reports.Summary>
{
    BenchmarkRunner.Run<GrainCallBenchmarks>(config),
    BenchmarkRunner.Run<ThroughputBenchmarks>(config),
};
if (Environment.GetEnvironmentVariable(PostgresWriteBenchmarks.ServerVariable) is { Length: > 0 })
{
    summaries.Add(BenchmarkRunner.Run<PostgresWriteBenchmarks>(config));
}
else
{
    Console.WriteLine($"{PostgresWriteBenchmarks.ServerVariable} is not set: skipping the PostgreSQL write benchmark (scripts/bench.sh sets it).");
}

var report = PerformanceReport.From(summaries);
Console.WriteLine(report);
if (options.ReportPath is { } path)
{
    await File.WriteAllTextAsync(path, report);
    Console.WriteLine($"Report written to {Path.GetFullPath(path)}");
}

return 0;
