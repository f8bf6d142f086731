namespace CoProduce.Benchmarks.Reporting;

/// <summary>Command line: <c>[--quick] [--report FILE]</c>.</summary>
public sealed record BenchmarkOptions(bool Quick, string? ReportPath)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var index = Array.IndexOf(args, "--report");
        var report = index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        return new BenchmarkOptions(quick, report);
    }
}
