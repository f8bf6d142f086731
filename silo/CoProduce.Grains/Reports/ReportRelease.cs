using CoProduce.Grains.Representation;

namespace CoProduce.Grains.Reports;

/// <summary>
/// Publishes a report's figures of people with lived experience (<see cref="ReportMeasure.CountsPeople"/>) the way the
/// representation snapshots are published: not worked out afresh at each read, but released. The observations behind
/// them (an agenda item's proposer, a closed decision's voters) never change once made, so for each measure and month
/// the report keeps how much it has released, and releases what arrived since only when that difference is itself a
/// safe share (<see cref="Suppression.SafeShare"/>: at least 5 with lived experience and 5 without, or none of either).
/// A figure that a reader sees move has therefore moved by at least 5 people on each side that moved at all, whenever
/// and however often they read. Observations already published one by one (a closed decision's own count, when shown)
/// are added at once: they tell nothing new. The figure for all time is the sum of the months as published, so it can
/// never be set against the months to give a hidden one back; what still waits for a release is flagged, never shown.
/// </summary>
public static class ReportRelease
{
    public const string Waiting =
        "Some of this waits to be published: figures of people with lived experience move only when at least 5 people with it and 5 without (or none of either) can be added at once, so that no change singles anyone out.";

    /// <summary>The report as published, the figures released after it, and whether this read released anything.</summary>
    public static (PowerBalanceReport Published, Dictionary<string, ReleasedPart> Released, bool Changed) Publish(
        PowerBalanceReport computed, IReadOnlyDictionary<string, ReleasedPart> released)
    {
        var next = new Dictionary<string, ReleasedPart>(released, StringComparer.Ordinal);
        List<ReportSectionResult> sections = [.. computed.Sections.Select(s => s with
        {
            Measures = [.. s.Measures.Select(m => m.CountsPeople ? Publish(m, next) : m)],
        })];
        var changed = next.Any(r => !released.TryGetValue(r.Key, out var before) || before != r.Value);
        return (computed with { Sections = sections }, next, changed);
    }

    private static ReportMeasure Publish(ReportMeasure measure, Dictionary<string, ReleasedPart> released)
    {
        var months = new List<MeasurePoint>(measure.ByMonth.Count);
        var (total, count, waiting) = (0m, 0, false);
        foreach (var point in measure.ByMonth)
        {
            var key = $"{measure.Key}/{point.Period}";
            var gated = new ReleasedPart((point.Total ?? 0) - point.ShownAloneTotal, point.Count - point.ShownAloneCount);
            var soFar = released.GetValueOrDefault(key) ?? ReleasedPart.None;
            if (gated.Count > soFar.Count && Suppression.SafeShare(gated.Total - soFar.Total, gated.Count - soFar.Count))
            {
                released[key] = soFar = gated;
            }

            var shownTotal = point.ShownAloneTotal + soFar.Total;
            var shownCount = point.ShownAloneCount + soFar.Count;
            var pending = gated.Count > soFar.Count;
            waiting |= pending;
            total += shownTotal;
            count += shownCount;
            months.Add(shownCount == 0 && pending
                ? new MeasurePoint(point.Period, null, point.Count, Waiting)
                : new MeasurePoint(point.Period, shownTotal, shownCount, pending ? Waiting : null));
        }

        return count == 0 && waiting
            ? measure with { Total = null, ByMonth = months, Suppressed = Waiting }
            : measure with { Total = total, Count = count, ByMonth = months, Suppressed = waiting ? Waiting : null };
    }
}

/// <summary>How much of one measure's month has been released: a total of people with lived experience of a count.</summary>
public sealed record ReleasedPart(decimal Total, int Count)
{
    public static ReleasedPart None { get; } = new(0, 0);
}
