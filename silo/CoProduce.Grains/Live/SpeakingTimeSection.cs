using System.Globalization;
using CoProduce.Grains.Reports;
using CoProduce.Live;
using CoProduce.Journal.Events;

namespace CoProduce.Grains.Live;

/// <summary>
/// Who had the floor in live sessions, for the power-balance report: each role's share of all speaking time,
/// from every ended turn in the project's live journal, by the month the turn ended. Time is counted in whole
/// seconds per turn, so the shares of one month add up to 1.
/// </summary>
public sealed class SpeakingTimeSection(IGrainEventStream journal) : IReportSection
{
    public string Key => "speaking";

    public int Order => 25;

    public async Task<ReportSectionResult> ComputeAsync(ReportSubject subject, CancellationToken cancellationToken = default)
    {
        var roles = Enum.GetValues<LiveRole>();
        var shares = roles.ToDictionary(r => r, r => new MeasureBuilder(
            $"speaking.{r.ToString().ToLowerInvariant()}-share", $"Speaking time in live sessions taken by {Plural(r)}", MeasureKind.Share));
        var rows = new ReportTableBuilder("turn ended", "speaker's role", "seconds");
        var live = new JournalId(LiveJournal.GrainType, subject.ProjectId.ToString("D"));
        await foreach (var (at, recorded) in journal.ReadAllAsync<LiveRecorded>(live, cancellationToken))
        {
            if (recorded.Event is not TurnEnded turn)
            {
                continue;
            }

            var seconds = (int)Math.Round(turn.Seconds, MidpointRounding.AwayFromZero);
            foreach (var role in roles)
            {
                shares[role].Add(at, role == turn.Role ? seconds : 0, seconds);
            }

            rows.Add(subject, Months.Text(at), turn.Role.ToString(), seconds.ToString(CultureInfo.InvariantCulture));
        }

        return new ReportSectionResult(Key, "Who had the floor", [.. roles.Select(r => shares[r].Build())], rows.Build());
    }

    private static string Plural(LiveRole role) => role switch
    {
        LiveRole.Contributor => "contributors",
        LiveRole.Supporter => "supporters and advocates",
        LiveRole.Facilitator => "facilitators",
        _ => "observers",
    };
}
