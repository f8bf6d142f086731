using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Runtime.Hosting;

/// <summary>Configures a silo: which assemblies hold its grains, and its services.</summary>
public sealed class SiloBuilder(IServiceCollection services, IConfiguration configuration)
{
    /// <summary>The host's configuration, for grain features that check their settings at start-up.</summary>
    public IConfiguration Configuration { get; } = configuration;

    internal List<Assembly> GrainAssemblies { get; } = [];

    public IServiceCollection Services { get; } = services;

    /// <summary>Adds every grain class in <paramref name="assembly"/>.</summary>
    public SiloBuilder AddGrains(Assembly assembly)
    {
        GrainAssemblies.Add(assembly);
        return this;
    }
}
