using System.Text.Json;
using CoProduce.Grains.Agenda;
using CoProduce.Runtime.Events;
using CoProduce.Runtime.Grains;

namespace CoProduce.Grains.Reports.Sections;

/// <summary>
/// Who set the agenda: every item ever proposed (withdrawn ones too: they were proposed), read from the
/// agenda's journal, with whether its proposer has lived experience as their profile said at the time.
/// </summary>
public sealed class AgendaSection(IGrainEventStream journal) : IReportSection
{
    private const int Page = 1000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Key => "agenda";

    public int Order => 10;

    public async Task<ReportSectionResult> ComputeAsync(ReportSubject subject, CancellationToken cancellationToken = default)
    {
        var share = new MeasureBuilder("agenda.lived-experience-share", "Agenda items proposed by people with lived experience", MeasureKind.Share);
        var rows = new ReportTableBuilder("proposed at", "proposer's role", "lived experience");
        await foreach (var proposed in Proposals(subject.ProjectId, cancellationToken))
        {
            share.Add(proposed.Item.ProposedAt, proposed.Item.ProposerLivedExperience);
            rows.Add(subject, Months.Text(proposed.Item.ProposedAt), proposed.Item.ProposerRole.ToString(), ReportTableBuilder.YesNo(proposed.Item.ProposerLivedExperience));
        }

        return new ReportSectionResult(Key, "Who set the agenda", [share.Build()], rows.Build());
    }

    private async IAsyncEnumerable<ItemProposed> Proposals(Guid projectId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var grain = new GrainId("agenda", projectId.ToString("D"));
        var after = 0L;
        while (true)
        {
            var events = await journal.ReadAsync(grain, after, Page, cancellationToken);
            foreach (var e in events)
            {
                if (e.Type == nameof(ItemProposed) && JsonSerializer.Deserialize<ItemProposed>(e.Json, Json) is { } proposed)
                {
                    yield return proposed;
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
