using CoProduce.Grains.Common;

namespace CoProduce.Grains.Reports;

/// <summary>The power-balance report of one project, keyed by the project's id.</summary>
[Alias("coproduce.reports.IProjectPowerBalanceGrain")]
public interface IProjectPowerBalanceGrain : IGrainWithGuidKey
{
    /// <summary>The report, for anyone who can see the project; 404 for anyone else.</summary>
    Task<PowerBalanceReport> Report(Actor actor);

    /// <summary>
    /// The report as published (the same figures anyone who can see the project reads), with no access check, for a
    /// network's report to add up: the caller has already been let in. A network adds only what its projects published.
    /// </summary>
    Task<PowerBalanceReport> Published();
}

/// <summary>The power-balance report of a network's projects added together, keyed by the network's id.</summary>
[Alias("coproduce.reports.INetworkPowerBalanceGrain")]
public interface INetworkPowerBalanceGrain : IGrainWithGuidKey
{
    /// <summary>The report, for the network's coordinators and its member organisations' staff; 404 for anyone else.</summary>
    Task<PowerBalanceReport> Report(Actor actor);
}
