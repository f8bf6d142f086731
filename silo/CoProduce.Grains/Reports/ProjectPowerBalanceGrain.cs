using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;
using CoProduce.Journal.State;

namespace CoProduce.Grains.Reports;

/// <summary>
/// Puts one project's power-balance report together from every <see cref="IReportSection"/> registered
/// in the silo's services, in their order, and publishes its figures of people with lived experience only in
/// releases (<see cref="ReportRelease"/>): it keeps how much of each it has released. Keyed by the project's id.
/// </summary>
[GrainType("projectpowerbalance")]
public sealed class ProjectPowerBalanceGrain(
    IEnumerable<IReportSection> sections,
    [JournaledState("power-balance")] IJournaledState<ProjectPowerBalanceState> state,
    TimeProvider time) : JournaledGrain, IProjectPowerBalanceGrain
{
    private readonly IReadOnlyList<IReportSection> _sections = [.. sections.OrderBy(s => s.Order).ThenBy(s => s.Key, StringComparer.Ordinal)];

    private Guid ProjectId => this.GetPrimaryKey();

    public async Task<PowerBalanceReport> Report(Actor actor)
    {
        await GrainFactory.EnsureCanSee(actor, ProjectId);
        return await Published();
    }

    public async Task<PowerBalanceReport> Published()
    {
        var (published, released, changed) = ReportRelease.Publish(await Compute(), state.State.Released);
        if (changed)
        {
            var release = state.State.Release + 1;
            RaiseEvent(new PowerBalanceReleased(ProjectId, release, published.GeneratedAt));
            state.State = state.State with { Release = release, Released = released };
            await state.WriteStateAsync();
        }

        return published;
    }

    private async Task<PowerBalanceReport> Compute()
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
