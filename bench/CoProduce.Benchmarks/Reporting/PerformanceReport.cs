using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

namespace CoProduce.Benchmarks.Reporting;

/// <summary>
/// The figures the issues ask for, as a markdown table: each candidate beside its same-run baseline,
/// the ratio, the target and whether it was met.
/// </summary>
public static class PerformanceReport
{
    public static string From(IEnumerable<Summary> summaries)
    {
        var rows = summaries.SelectMany(Rows).ToList();
        var text = new StringBuilder();
        text.AppendLine("| figure | candidate | baseline | ratio | target | met |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Figure} | {row.Candidate} | {row.Baseline} | {row.Ratio:0.00} | {row.Target} | {row.Met switch { true => "yes", false => "NO", null => "-" }} |");
        }

        return text.ToString();
    }

    private static IEnumerable<ReportRow> Rows(Summary summary)
    {
        var baseline = summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.Baseline);
        var candidates = summary.Reports.Where(r => !r.BenchmarkCase.Descriptor.Baseline);
        if (baseline?.ResultStatistics is not { } baseStats)
        {
            yield break;
        }

        foreach (var candidate in candidates)
        {
            if (candidate.ResultStatistics is not { } stats)
            {
                continue;
            }

            var name = candidate.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var slowdown = stats.Mean / baseStats.Mean;
            yield return name switch
            {
                "GrainStateWrite" => new ReportRow(
                    "storage called directly: PostgreSQL state write vs raw Npgsql versioned UPDATE (rate ratio)",
                    PerSecond(stats.Mean), PerSecond(baseStats.Mean), 1 / slowdown, ">= 0.80x the raw rate", 1 / slowdown >= 0.8),
                "GrainStateWriteWithEvent" => new ReportRow(
                    "storage called directly: PostgreSQL state write with one journal event vs raw Npgsql UPDATE + INSERT in one transaction (rate ratio)",
                    PerSecond(stats.Mean), PerSecond(baseStats.Mean), 1 / slowdown, ">= 1.50x the raw rate", 1 / slowdown >= 1.5),
                "GrainStateWriteWithEventInTransaction" => new ReportRow(
                    "(for comparison) the same write by the storage's transaction path vs that raw transaction (rate ratio)",
                    PerSecond(stats.Mean), PerSecond(baseStats.Mean), 1 / slowdown, "-", true),
                "OrleansJournaledGrainCall" => new ReportRow(
                    "Orleans: uncontended CoProduce grain call (journal facet and call filter) vs bare Orleans grain, same in-memory work, from the host's client (time ratio)",
                    Nanoseconds(stats.Mean), Nanoseconds(baseStats.Mean), slowdown, "<= 1.50x", slowdown <= 1.5),
                "OrleansBareGrainCallBesideJournal" => new ReportRow(
                    "(for comparison) a bare Orleans grain in the journal's silo (call filter only) vs the bare silo (time ratio)",
                    Nanoseconds(stats.Mean), Nanoseconds(baseStats.Mean), slowdown, "-", null),
                "OrleansJournaledGrains" => new ReportRow(
                    "Orleans: calls/s across 1,000 CoProduce grains, all in flight from the host's client (throughput ratio to bare Orleans grains)",
                    PerSecond(stats.Mean), PerSecond(baseStats.Mean), 1 / slowdown, "reported", null),
                "OrleansGrainStateWrite" => new ReportRow(
                    "Orleans: PostgreSQL state write through the journal facet's WriteStateAsync (a grain call) vs raw Npgsql versioned UPDATE (rate ratio)",
                    PerSecond(stats.Mean), PerSecond(baseStats.Mean), 1 / slowdown, ">= 0.80x the raw rate", 1 / slowdown >= 0.8),
                "OrleansGrainStateWriteWithEvent" => new ReportRow(
                    "Orleans: PostgreSQL state write with one journal event (a grain call) vs raw Npgsql UPDATE + INSERT in one transaction (rate ratio)",
                    PerSecond(stats.Mean), PerSecond(baseStats.Mean), 1 / slowdown, ">= 1.50x the raw rate", 1 / slowdown >= 1.5),
                _ => new ReportRow(name, Nanoseconds(stats.Mean), Nanoseconds(baseStats.Mean), slowdown, "-", true),
            };
        }
    }

    private static string Nanoseconds(double mean) => string.Create(CultureInfo.InvariantCulture, $"{mean:0.0} ns");

    private static string PerSecond(double meanNanoseconds) => string.Create(CultureInfo.InvariantCulture, $"{1e9 / meanNanoseconds:N0}/s");

    /// <summary>A figure; <see cref="Met"/> is null for a figure only reported, with no target.</summary>
    private sealed record ReportRow(string Figure, string Candidate, string Baseline, double Ratio, string Target, bool? Met);
}
