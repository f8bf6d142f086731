using CoProduce.Grains.Reports.Sections;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Grains.Reports;

/// <summary>
/// The power-balance report's own sections. A later feature adds one the same way, from its own
/// registration: <c>services.AddSingleton&lt;IReportSection, SpeakingTimeSection&gt;()</c>.
/// </summary>
public static class ReportSections
{
    public static IServiceCollection AddPowerBalanceSections(this IServiceCollection services)
    {
        services.AddSingleton<IReportSection, AgendaSection>();
        services.AddSingleton<IReportSection, DecisionsSection>();
        services.AddSingleton<IReportSection, FeedbackSection>();
        services.AddSingleton<IReportSection, SelfAssessmentSection>();
        return services;
    }
}
