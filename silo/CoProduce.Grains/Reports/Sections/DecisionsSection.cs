using CoProduce.Grains.Representation;

namespace CoProduce.Grains.Reports.Sections;

/// <summary>
/// Who decided: for each closed decision, whether it asked for and met a lived-experience quorum, what
/// share of its voters have lived experience, and (when it was not anonymous) whether the choice of
/// voters with lived experience matched the professionals' choice and the outcome. Anonymous decisions
/// give counts only. Each decision falls in the month it closed. A row's count of voters with lived experience
/// reads "suppressed" when it or the other voters are 1 to 4 (the group choices are then empty too), and whether its
/// lived-experience quorum was met reads "withheld" whenever saying so would tell that count
/// (<see cref="Decisions.QuorumDisclosure"/>); such a decision is left out of the quorum-met share. The share of
/// votes is published by the report's release rule (<see cref="ReportRelease"/>), with a decision whose own count is
/// shown added at once.
/// </summary>
public sealed class DecisionsSection(IGrainFactory grains) : IReportSection
{
    /// <summary>What a row says for a count of voters with lived experience that could single someone out.</summary>
    public const string Suppressed = "suppressed";

    /// <summary>What a row says for a lived-experience quorum whose being met would tell a suppressed count.</summary>
    public const string Withheld = "withheld";

    public string Key => "decisions";

    public int Order => 20;

    public async Task<ReportSectionResult> ComputeAsync(ReportSubject subject, CancellationToken cancellationToken = default)
    {
        var set = new MeasureBuilder("decisions.quorum-set", "Decisions that asked for a lived-experience quorum", MeasureKind.Share);
        var met = new MeasureBuilder("decisions.quorum-met", "Decisions whose lived-experience quorum was set and met", MeasureKind.Share);
        var voters = new MeasureBuilder("decisions.voter-share", "Votes cast by people with lived experience", MeasureKind.Share, countsPeople: true);
        var agree = new MeasureBuilder("decisions.matches-professionals", "Decisions where people with lived experience chose as professionals did", MeasureKind.Share);
        var heard = new MeasureBuilder("decisions.outcome-matches", "Decisions whose outcome was the choice of people with lived experience", MeasureKind.Share);
        var rows = new ReportTableBuilder(
            "decision", "method", "closed at", "anonymous", "voters", "with lived experience", "lived-experience quorum",
            "quorum met", "outcome", "lived experience chose", "professionals chose");

        foreach (var d in await DecisionBalances.ClosedAsync(grains, subject.ProjectId))
        {
            var closed = d.ClosedAt!.Value;
            var required = d.Quorum.MinimumWithLivedExperience;
            var countShown = Suppression.SafeShare(d.VotersWithLivedExperience, d.Voters);
            set.Add(closed, required > 0);
            if (d.LivedExperienceQuorumMet is { } quorumMet)
            {
                met.Add(closed, quorumMet);
            }

            voters.Add(closed, d.VotersWithLivedExperience, d.Voters, shownAlone: countShown);

            if (d.LivedExperience is { } lived)
            {
                if (d.Professionals is { } professionals)
                {
                    agree.Add(closed, DecisionBalances.Same(lived, professionals));
                }

                heard.Add(closed, DecisionBalances.Same(lived, d.Outcome!));
            }

            rows.Add(
                subject, d.Title, d.Method.ToString(), Months.Text(closed), ReportTableBuilder.YesNo(d.Anonymous),
                d.Voters.ToString(System.Globalization.CultureInfo.InvariantCulture),
                countShown ? d.VotersWithLivedExperience.ToString(System.Globalization.CultureInfo.InvariantCulture) : Suppressed,
                required.ToString(System.Globalization.CultureInfo.InvariantCulture),
                d.LivedExperienceQuorumMet is { } isMet ? ReportTableBuilder.YesNo(isMet) : Withheld,
                DecisionBalances.Text(d.Outcome), DecisionBalances.Text(d.LivedExperience), DecisionBalances.Text(d.Professionals));
        }

        return new ReportSectionResult(Key, "Who decided", [set.Build(), met.Build(), voters.Build(), agree.Build(), heard.Build()], rows.Build());
    }
}
