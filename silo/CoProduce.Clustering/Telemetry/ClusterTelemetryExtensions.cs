namespace CoProduce.Clustering.Telemetry;

public static class ClusterTelemetryExtensions
{
    /// <summary>
    /// Orleans' grain-call spans (activity propagation, so a request's trace continues through every grain it calls,
    /// on any silo) and the filters that carry an <see cref="CoProduce.Telemetry.Unattributed"/> scope across calls.
    /// The export itself (sources, meter, and the processor that withholds grain ids of unattributed work) is the
    /// host's <c>AddCoProduceTelemetry</c>. Part of <see cref="ClusterSiloBuilderExtensions.AddCoProduceCluster"/>.
    /// </summary>
    public static ISiloBuilder AddCoProduceCallTelemetry(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddActivityPropagation();
        silo.AddOutgoingGrainCallFilter<UnattributedCallFilters.Outgoing>();
        silo.AddIncomingGrainCallFilter<UnattributedCallFilters.Incoming>();
        return silo;
    }
}
