using CoProduce.Runtime.Hosting;

namespace CoProduce.Grains;

/// <summary>Adds the co-production domain's grains to a silo.</summary>
public static class GrainsSiloBuilderExtensions
{
    public static SiloBuilder AddCoProduceGrains(this SiloBuilder silo) => silo.AddGrains(typeof(GrainsSiloBuilderExtensions).Assembly);
}
