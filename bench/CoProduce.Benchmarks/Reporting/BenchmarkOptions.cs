using System.Globalization;

namespace CoProduce.Benchmarks.Reporting;

/// <summary>
/// Command line: <c>[--quick] [--report FILE] [--filter TEXT] [--interleaved ROUNDS]</c>. With a filter,
/// only the benchmark classes whose name contains TEXT (any case) run, e.g. <c>--filter Postgres</c>.
/// With <c>--interleaved</c>, the selected classes are also run in turns (<see cref="InterleavedRun"/>).
/// </summary>
public sealed record BenchmarkOptions(bool Quick, string? ReportPath, string? Filter, int InterleavedRounds)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var rounds = ValueOf(args, "--interleaved") is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : 0;
        return new BenchmarkOptions(quick, ValueOf(args, "--report"), ValueOf(args, "--filter"), rounds);
    }

    public bool Includes(Type benchmarks) =>
        Filter is null || benchmarks.Name.Contains(Filter, StringComparison.OrdinalIgnoreCase);

    private static string? ValueOf(string[] args, string option)
    {
        var index = Array.IndexOf(args, option);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
