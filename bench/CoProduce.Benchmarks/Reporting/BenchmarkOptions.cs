namespace CoProduce.Benchmarks.Reporting;

/// <summary>
/// Command line: <c>[--quick] [--report FILE] [--filter TEXT]</c>. With a filter, only the benchmark
/// classes whose name contains TEXT (any case) run, e.g. <c>--filter Postgres</c>.
/// </summary>
public sealed record BenchmarkOptions(bool Quick, string? ReportPath, string? Filter)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        return new BenchmarkOptions(quick, ValueOf(args, "--report"), ValueOf(args, "--filter"));
    }

    public bool Includes(Type benchmarks) =>
        Filter is null || benchmarks.Name.Contains(Filter, StringComparison.OrdinalIgnoreCase);

    private static string? ValueOf(string[] args, string option)
    {
        var index = Array.IndexOf(args, option);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
