using CoProduce.Clustering;
using CoProduce.Grains.Live;
using CoProduce.Journal.Hosting;
using CoProduce.Telemetry;
using Microsoft.Extensions.Hosting;
using Orleans.Serialization;

namespace CoProduce.Grains.Hosting;

/// <summary>The Orleans silo every CoProduce host runs: the gateway co-hosts one, the silo worker is one.</summary>
public static class SiloComposition
{
    /// <summary>
    /// Adds this node's silo, all from configuration: the cluster (<see cref="ClusterSiloBuilderExtensions.AddCoProduceCluster"/>),
    /// the journal (<see cref="JournalSiloBuilderExtensions.AddCoProduceJournal(ISiloBuilder, Microsoft.Extensions.Configuration.IConfiguration)"/>),
    /// the domain's grains, the live contracts' serializer and telemetry.
    /// <paramref name="configure"/> adds to the silo (tests replace services there).
    /// </summary>
    public static IHostApplicationBuilder AddCoProduceSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        builder.UseOrleans(silo =>
        {
            silo.AddCoProduceCluster(configuration)
                .AddCoProduceJournal(configuration)
                .AddCoProduceGrains();
            silo.Services.AddSerializer(serializer => serializer.AddLiveContracts());
            configure?.Invoke(silo);
        });
        builder.AddCoProduceTelemetry();
        return builder;
    }
}
