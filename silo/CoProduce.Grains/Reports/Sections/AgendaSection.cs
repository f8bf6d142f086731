using CoProduce.Grains.Agenda;
using CoProduce.Journal.Events;

namespace CoProduce.Grains.Reports.Sections;

/// <summary>
/// Who set the agenda: every item ever proposed (withdrawn ones too: they were proposed), read from the
/// agenda's journal. The share counts items whose proposer had lived experience as their profile said at the
/// time; the rows (one per item, so one per proposer) give only when and in what role, never the proposer's answer.
/// The share is published only in releases of at least 5 people with lived experience and 5 without (<see cref="ReportRelease"/>).
/// </summary>
public sealed class AgendaSection(IGrainEventStream journal) : IReportSection
{
    public string Key => "agenda";

    public int Order => 10;

    public async Task<ReportSectionResult> ComputeAsync(ReportSubject subject, CancellationToken cancellationToken = default)
    {
        var share = new MeasureBuilder("agenda.lived-experience-share", "Agenda items proposed by people with lived experience", MeasureKind.Share, countsPeople: true);
        var rows = new ReportTableBuilder("proposed at", "proposer's role");
        var agenda = new JournalId("agenda", subject.ProjectId.ToString("D"));
        await foreach (var (_, proposed) in journal.ReadAllAsync<ItemProposed>(agenda, cancellationToken))
        {
            share.Add(proposed.Item.ProposedAt, proposed.Item.ProposerLivedExperience == true);
            rows.Add(subject, Months.Text(proposed.Item.ProposedAt), proposed.Item.ProposerRole.ToString());
        }

        return new ReportSectionResult(Key, "Who set the agenda", [share.Build()], rows.Build());
    }
}
