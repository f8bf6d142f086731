using CoProduce.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoProduce.Grains;

/// <summary>Adds the co-production domain's grains to a silo.</summary>
public static class GrainsSiloBuilderExtensions
{
    public static SiloBuilder AddCoProduceGrains(this SiloBuilder silo)
    {
        // Grains that keep deadlines (invitations) read the time from here, so tests can move it.
        silo.Services.TryAddSingleton(TimeProvider.System);
        return silo.AddGrains(typeof(GrainsSiloBuilderExtensions).Assembly);
    }
}
