using CoProduce.Runtime.Grains;
using CoProduce.Runtime.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoProduce.Benchmarks.Runtime;

/// <summary>A real silo host on a throwaway SQLite folder; grain calls in these benchmarks never touch storage.</summary>
public sealed class BenchmarkSilo : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coproduce-bench-").FullName;
    private readonly IHost _host;

    public BenchmarkSilo()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CoProduce:Storage:Provider"] = "Sqlite",
            ["CoProduce:Storage:DataDirectory"] = _folder,
        });
        builder.Logging.ClearProviders();
        builder.AddCoProduceSilo(silo => silo.AddGrains(typeof(PingGrain).Assembly));
        _host = builder.Build();
        _host.Start();
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public void Dispose()
    {
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
