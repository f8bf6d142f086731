namespace CoProduce.Grains.Representation;

/// <summary>
/// Counts a project's contributors by what they say of themselves, suppressing small cells, and weighs
/// the counts against the project's targets. A target's figures are shown only where the aggregate shows
/// the same cell, so the two views together never reveal more than the aggregate alone.
/// </summary>
internal static class RepresentationCount
{
    /// <summary>One contributor as counted: their consented answers and the groups they speak for.</summary>
    public sealed record Counted(IReadOnlyList<DiversityAnswer> Answers, IReadOnlyList<NamedGroup> Groups);

    /// <summary>Every characteristic gets a table, answered or not, so the shape of the report says nothing about who answered what.</summary>
    public static RepresentationSummary Summarise(Guid projectId, IReadOnlyList<Counted> contributors, IReadOnlyList<RepresentationTarget> targets, IReadOnlyDictionary<Guid, string> groupNames)
    {
        var aggregates = Enum.GetValues<DiversityCharacteristic>()
            .Select(c => Aggregate(c, contributors))
            .ToList();
        var giving = contributors.Count(c => c.Answers.Count > 0);
        return new RepresentationSummary(
            projectId,
            Suppression.Threshold,
            contributors.Count,
            Suppression.Safe(giving),
            aggregates,
            [.. targets.Select(t => Gap(t, contributors, aggregates, groupNames))]);
    }

    private static CharacteristicAggregate Aggregate(DiversityCharacteristic characteristic, IReadOnlyList<Counted> contributors)
    {
        var answers = contributors
            .Select(c => c.Answers.FirstOrDefault(a => a.Characteristic == characteristic)?.Value)
            .ToList();
        var cells = answers.OfType<string>()
            .GroupBy(Values.Key)
            .Select(g => new AggregateCell(Values.Label(g), g.Count(), false))
            .Append(new AggregateCell("Not given", answers.Count(a => a is null), true));
        var (shown, suppressed) = Suppression.Apply(cells);
        return new CharacteristicAggregate(characteristic, shown, suppressed);
    }

    private static TargetGap Gap(RepresentationTarget target, IReadOnlyList<Counted> contributors, List<CharacteristicAggregate> aggregates, IReadOnlyDictionary<Guid, string> groupNames)
    {
        if (target.Group is { } group)
        {
            // Whom people speak for is said openly, so these counts are exact.
            var present = contributors.Count(c => c.Groups.Any(g => g.NetworkId == group.NetworkId && g.GroupId == group.GroupId));
            return new TargetGap(target, groupNames.GetValueOrDefault(group.GroupId, "A group no longer listed"), present >= target.Minimum, present, Math.Max(0, target.Minimum - present));
        }

        var key = Values.Key(target.Value!);
        var cell = aggregates.FirstOrDefault(a => a.Characteristic == target.Characteristic)?.Cells
            .FirstOrDefault(c => !c.NotGiven && Values.Key(c.Label) == key);
        var label = $"{target.Characteristic}: {target.Value}";
        return cell is null
            ? new TargetGap(target, label, null, null, null)
            : new TargetGap(target, label, cell.Count >= target.Minimum, cell.Count, Math.Max(0, target.Minimum - cell.Count));
    }
}
