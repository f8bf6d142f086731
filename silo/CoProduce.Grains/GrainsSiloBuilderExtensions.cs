using CoProduce.Grains.Common;
using CoProduce.Grains.Payments.Payouts;
using CoProduce.Grains.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoProduce.Grains;

/// <summary>Adds the co-production domain's grains to a silo.</summary>
public static class GrainsSiloBuilderExtensions
{
    public static ISiloBuilder AddCoProduceGrains(this ISiloBuilder silo)
    {
        // Grains that keep deadlines (invitations) read the time from here, so tests can move it.
        silo.Services.TryAddSingleton(TimeProvider.System);

        // Read now, so a missing key stops start-up with the setting's name rather than failing a vote.
        silo.Services.TryAddSingleton(AnonymityKey.FromConfiguration(silo.Configuration));
        silo.Services.AddPowerBalanceSections();
        silo.Services.AddSingleton<IReportSection, Representation.RepresentationSection>();
        silo.Services.AddSingleton<IReportSection, Live.SpeakingTimeSection>();
        // Agenda and decision events reach live sessions through this observer, on every node.
        silo.Services.AddHostedService<Live.LiveRelayService>();
        silo.Services.AddCoProducePayments();
        // Orleans finds the grain classes of this assembly through the metadata its code generator wrote.
        return silo;
    }
}
