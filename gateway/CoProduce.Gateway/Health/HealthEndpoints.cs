using CoProduce.Clustering.Health;

namespace CoProduce.Gateway.Health;

/// <summary>Liveness (the process answers) and readiness (storage answers too), shared with the silo worker.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app) => app.MapCoProduceHealth();
}
