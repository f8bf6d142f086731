using CoProduce.Runtime.Hosting;
using CoProduce.Runtime.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace CoProduce.Gateway.Tests;

/// <summary>The real gateway on a throwaway SQLite folder, with settings and storage overridable per test.</summary>
public sealed class GatewayApplication(
    IReadOnlyDictionary<string, string?>? settings = null,
    Func<IGrainStorage, IGrainStorage>? decorateStorage = null) : WebApplicationFactory<Program>
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("coproduce-gateway-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("CoProduce:Storage:DataDirectory", _dataFolder);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
        if (decorateStorage is not null)
        {
            builder.ConfigureServices(services => services.DecorateGrainStorage(decorateStorage));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}
