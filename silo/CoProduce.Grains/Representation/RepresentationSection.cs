using System.Globalization;
using CoProduce.Grains.Reports;

namespace CoProduce.Grains.Representation;

/// <summary>
/// Whether the project had the voices it needed, for the power-balance report: the share of contributors
/// who gave diversity data and the share of targets met (both as last published), with the
/// suppressed aggregates and the gaps as rows. It reads <see cref="IProjectRepresentationGrain.Summary"/>,
/// so nothing here is finer than the aggregates facilitators see: no cell under the threshold, a
/// target's figures only where its cell is shown, and no change between two reports of fewer than the threshold of people.
/// </summary>
public sealed class RepresentationSection(IGrainFactory grains) : IReportSection
{
    public string Key => "representation";

    public int Order => 50;

    public async Task<ReportSectionResult> ComputeAsync(ReportSubject subject, CancellationToken cancellationToken = default)
    {
        var summary = await grains.GetGrain<IProjectRepresentationGrain>(subject.ProjectId).Summary();
        var giving = new MeasureBuilder("representation.giving-data", "Contributors who described themselves (counted once at least 5 have)", MeasureKind.Share);
        var met = new MeasureBuilder("representation.targets-met", "Representation targets met (where that can be said without revealing a small group)", MeasureKind.Share);
        var rows = new ReportTableBuilder("kind", "what", "value", "contributors", "target", "met", "missing");

        // Nobody having described themselves yet is no observation (as with the report's other measures);
        // between 1 and 4 is never shown.
        if (summary.ContributorsGivingData is { } given and > 0)
        {
            giving.Add(subject.Now, given, summary.Contributors);
        }

        foreach (var aggregate in summary.Aggregates)
        {
            foreach (var cell in aggregate.Cells)
            {
                rows.Add(subject, "aggregate", aggregate.Characteristic.ToString(), cell.Label, Number(cell.Count), "", "", "");
            }

            if (aggregate.Suppressed)
            {
                rows.Add(subject, "aggregate", aggregate.Characteristic.ToString(), $"groups under {summary.Threshold}, and cells hidden to protect them", "", "", "", "");
            }
        }

        foreach (var gap in summary.Gaps)
        {
            if (gap.Met is { } isMet)
            {
                met.Add(subject.Now, isMet);
            }

            rows.Add(
                subject, "target", gap.Target.Group is null ? gap.Target.Characteristic?.ToString() ?? "" : "group", gap.Label,
                gap.Present is { } present ? Number(present) : "", Number(gap.Target.Minimum),
                gap.Met is { } m ? ReportTableBuilder.YesNo(m) : "not shown", gap.Missing is { } missing ? Number(missing) : "");
        }

        return new ReportSectionResult(Key, "Who is represented", [giving.Build(), met.Build()], rows.Build());
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
