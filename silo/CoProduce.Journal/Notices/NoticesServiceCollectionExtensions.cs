using CoProduce.Journal.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CoProduce.Journal.Notices;

/// <summary>Registers <see cref="IClusterNotices"/>: LISTEN/NOTIFY on PostgreSQL, in-process on SQLite.</summary>
public static class NoticesServiceCollectionExtensions
{
    public static IServiceCollection AddClusterNotices(this IServiceCollection services, IConfiguration configuration)
    {
        var target = StorageTarget.From(StorageOptions.FromConfiguration(configuration));
        if (target.Provider == StorageOptions.PostgreSqlProvider)
        {
            services.AddSingleton(sp => new PostgresClusterNotices(target.ConnectionString, sp.GetRequiredService<ILogger<PostgresClusterNotices>>()));
            services.AddSingleton<IClusterNotices>(sp => sp.GetRequiredService<PostgresClusterNotices>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgresClusterNotices>());
        }
        else
        {
            services.AddSingleton<IClusterNotices, LocalClusterNotices>();
        }

        return services;
    }
}
