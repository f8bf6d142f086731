using CoProduce.Journal.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Journal.Hosting;

/// <summary>Wraps the registered grain storage, e.g. with a <see cref="DelegatingGrainStorage"/>.</summary>
public static class GrainStorageDecoration
{
    public static IServiceCollection DecorateGrainStorage(this IServiceCollection services, Func<IGrainStorage, IGrainStorage> decorate)
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(IGrainStorage))
            ?? throw new InvalidOperationException("Add the silo before decorating its storage.");
        services.Remove(original);
        services.AddSingleton(sp => decorate((IGrainStorage)(original.ImplementationInstance
            ?? original.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!))));
        return services;
    }
}
