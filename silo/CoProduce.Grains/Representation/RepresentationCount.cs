namespace CoProduce.Grains.Representation;

/// <summary>
/// Counts a project's consenting contributors by what they say of themselves, suppressing small cells, and
/// weighs a published snapshot against the project's targets. A target's figures are shown only where the
/// aggregate shows the same cell, so the two views together never reveal more than the aggregate alone.
/// </summary>
internal static class RepresentationCount
{
    /// <summary>One contributor as counted: their consented answers, the groups they speak for, and a stamp that changes with either.</summary>
    public sealed record Counted(Guid PersonId, IReadOnlyList<DiversityAnswer> Answers, IReadOnlyList<NamedGroup> Groups, string Stamp);

    /// <summary>How many people joined, left or changed what they said since the snapshot was taken.</summary>
    public static int Changes(IReadOnlyDictionary<Guid, string> published, IReadOnlyList<Counted> now)
    {
        var changedOrNew = now.Count(c => !published.TryGetValue(c.PersonId, out var stamp) || stamp != c.Stamp);
        var left = published.Keys.Count(id => now.All(c => c.PersonId != id));
        return changedOrNew + left;
    }

    /// <summary>
    /// A snapshot to publish: every characteristic gets a table, answered or not, so the shape of the report says
    /// nothing about who answered what. Only suppressed counts are kept.
    /// </summary>
    public static PublishedRepresentation Snapshot(IReadOnlyList<Counted> contributors, int release, DateTimeOffset at) => new()
    {
        Release = release,
        PublishedAt = at,
        Stamps = contributors.ToDictionary(c => c.PersonId, c => c.Stamp),
        Contributors = contributors.Count,
        ContributorsGivingData = Suppression.Safe(contributors.Count(c => c.Answers.Count > 0)),
        Aggregates = [.. Enum.GetValues<DiversityCharacteristic>().Select(c => Aggregate(c, contributors))],
        Groups = [.. contributors.SelectMany(c => c.Groups.Select(g => (g.NetworkId, g.GroupId)).Distinct())
            .GroupBy(g => g)
            .Select(g => new GroupCount(g.Key.NetworkId, g.Key.GroupId, g.Count()))],
    };

    /// <summary>The summary of what was published (nothing yet: every table empty).</summary>
    public static RepresentationSummary Summarise(Guid projectId, PublishedRepresentation? published, IReadOnlyList<RepresentationTarget> targets, IReadOnlyDictionary<Guid, string> groupNames)
    {
        var aggregates = published?.Aggregates
            ?? [.. Enum.GetValues<DiversityCharacteristic>().Select(c => new CharacteristicAggregate(c, [], false))];
        var groups = published?.Groups ?? [];
        return new RepresentationSummary(
            projectId,
            Suppression.Threshold,
            published?.Contributors ?? 0,
            published is null ? 0 : published.ContributorsGivingData,
            aggregates,
            [.. targets.Select(t => Gap(t, aggregates, groups, groupNames))],
            published?.PublishedAt);
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

    private static TargetGap Gap(RepresentationTarget target, IReadOnlyList<CharacteristicAggregate> aggregates, IReadOnlyList<GroupCount> groups, IReadOnlyDictionary<Guid, string> groupNames)
    {
        if (target.Group is { } group)
        {
            // Whom people speak for is said openly, so these counts are exact (of the published snapshot).
            var present = groups.FirstOrDefault(g => g.NetworkId == group.NetworkId && g.GroupId == group.GroupId)?.Count ?? 0;
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
