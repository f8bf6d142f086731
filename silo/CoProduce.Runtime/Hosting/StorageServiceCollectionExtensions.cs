using CoProduce.Journal.Storage;
using CoProduce.Runtime.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Runtime.Hosting;

/// <summary>Registers grain storage from configuration section <c>CoProduce:Storage</c>.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Validates the storage settings now, throwing <see cref="StorageConfigurationException"/> naming the
    /// bad setting, and registers <see cref="IGrainStorage"/> (and the read <see cref="StorageOptions"/>) as
    /// singletons. The storage uses a registered <see cref="TimeProvider"/> if there is one.
    /// </summary>
    public static IServiceCollection AddGrainStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = StorageOptions.FromConfiguration(configuration);
        var target = StorageTarget.From(options);
        services.AddSingleton(options);
        services.AddSingleton<IGrainStorage>(provider => new MeasuredGrainStorage(target.CreateStorage(provider.GetService<TimeProvider>())));
        services.AddSingleton(_ => target.CreateDatabase());
        return services;
    }
}
