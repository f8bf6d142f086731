using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;

namespace CoProduce.Grains.Reports;

/// <summary>
/// Puts one project's power-balance report together from every <see cref="IReportSection"/> registered
/// in the silo's services, in their order; it keeps no state of its own. Keyed by the project's id.
/// </summary>
[GrainType("projectpowerbalance")]
public sealed class ProjectPowerBalanceGrain(IEnumerable<IReportSection> sections, TimeProvider time) : Grain, IProjectPowerBalanceGrain
{
    private readonly IReadOnlyList<IReportSection> _sections = [.. sections.OrderBy(s => s.Order).ThenBy(s => s.Key, StringComparer.Ordinal)];

    private Guid ProjectId => this.GetPrimaryKey();

    public async Task<PowerBalanceReport> Report(Actor actor)
    {
        var access = await GrainFactory.GetGrain<IProjectGrain>(ProjectId).AccessOf(actor);
        return access.CanSee ? ReportSuppression.Apply(await Compute()) : throw DomainException.NotFound("The project");
    }

    public async Task<PowerBalanceReport> Compute()
    {
        var header = await GrainFactory.GetGrain<IProjectGrain>(ProjectId).Header() ?? throw DomainException.NotFound("The project");
        var subject = new ReportSubject(ProjectId, header.Name, time.GetUtcNow());
        var results = new List<ReportSectionResult>(_sections.Count);
        foreach (var section in _sections)
        {
            results.Add(await section.ComputeAsync(subject));
        }

        return new PowerBalanceReport(ReportScope.Project, ProjectId, header.Name, subject.Now, [ProjectId], results);
    }
}
