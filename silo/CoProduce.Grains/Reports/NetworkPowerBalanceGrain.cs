using CoProduce.Grains.Common;
using CoProduce.Grains.Networks;

namespace CoProduce.Grains.Reports;

/// <summary>
/// A network's power-balance report: each of its projects' reports, as published, added together section by section
/// and measure by measure (totals and counts summed, so a share is of every decision in the network,
/// not an average of averages). Only what each project published is added, so the network's figures less one
/// project's are the other projects' published figures and never anything a project's own report withholds.
/// Keyed by the network's id; it keeps no state of its own.
/// </summary>
[GrainType("networkpowerbalance")]
public sealed class NetworkPowerBalanceGrain(TimeProvider time) : Grain, INetworkPowerBalanceGrain
{
    private Guid NetworkId => this.GetPrimaryKey();

    public async Task<PowerBalanceReport> Report(Actor actor)
    {
        var network = (await GrainFactory.GetGrain<INetworkGrain>(NetworkId).Get(actor)).Value;
        var reports = new List<PowerBalanceReport>(network.Projects.Count);
        foreach (var projectId in network.Projects)
        {
            try
            {
                reports.Add(await GrainFactory.GetGrain<IProjectPowerBalanceGrain>(projectId).Published());
            }
            catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
            {
                // A project the network heard of but that was never stored adds nothing.
            }
        }

        return new PowerBalanceReport(
            ReportScope.Network, NetworkId, network.Name, time.GetUtcNow(), [.. reports.Select(r => r.Id)], ReportAddition.Sum(reports));
    }
}
