using System.Globalization;
using System.Text.Json;
using CoProduce.Grains.Reports;
using CoProduce.Live;
using CoProduce.Runtime.Events;
using CoProduce.Runtime.Grains;

namespace CoProduce.Grains.Live;

/// <summary>
/// Who had the floor in live sessions, for the power-balance report: each role's share of all speaking time,
/// from every ended turn in the project's live journal, by the month the turn ended. Time is counted in whole
/// seconds per turn, so the shares of one month add up to 1.
/// </summary>
public sealed class SpeakingTimeSection(IGrainEventStream journal) : IReportSection
{
    private const int Page = 1000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Key => "speaking";

    public int Order => 25;

    public async Task<ReportSectionResult> ComputeAsync(ReportSubject subject, CancellationToken cancellationToken = default)
    {
        var roles = Enum.GetValues<LiveRole>();
        var shares = roles.ToDictionary(r => r, r => new MeasureBuilder(
            $"speaking.{r.ToString().ToLowerInvariant()}-share", $"Speaking time in live sessions taken by {Plural(r)}", MeasureKind.Share));
        var rows = new ReportTableBuilder("turn ended", "speaker's role", "seconds");
        await foreach (var (at, turn) in Turns(subject.ProjectId, cancellationToken))
        {
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

    private async IAsyncEnumerable<(DateTimeOffset At, TurnEnded Turn)> Turns(
        Guid projectId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var grain = new GrainId(LiveNotices.GrainType, projectId.ToString("D"));
        var after = 0L;
        while (true)
        {
            var events = await journal.ReadAsync(grain, after, Page, cancellationToken);
            foreach (var e in events)
            {
                if (e.Type == nameof(LiveRecorded) && JsonSerializer.Deserialize<LiveRecorded>(e.Json, Json)?.Event is TurnEnded turn)
                {
                    yield return (e.RecordedAt, turn);
                }
            }

            if (events.Count < Page)
            {
                yield break;
            }

            after = events[^1].Sequence;
        }
    }
}
