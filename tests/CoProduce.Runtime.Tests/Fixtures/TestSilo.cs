using CoProduce.Journal.Storage;
using CoProduce.Runtime.Grains;
using CoProduce.Runtime.Hosting;
using CoProduce.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CoProduce.Runtime.Tests.Fixtures;

/// <summary>A real silo host on a test database, with short timings so tests run in seconds.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public TestProbe Probe => _host.Services.GetRequiredService<TestProbe>();

    public static async Task<TestSilo> StartAsync(
        ITestDatabase database,
        TestProbe? probe = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Func<IGrainStorage, IGrainStorage>? decorateStorage = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(database.StorageSettings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CoProduce:Runtime:CollectionQuantum"] = "00:00:00.100",
            ["CoProduce:Reminders:MinimumPeriod"] = "00:00:01",
            ["CoProduce:Reminders:PollInterval"] = "00:00:00.200",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddCoProduceSilo(silo => silo.AddGrains(typeof(TestSilo).Assembly));
        builder.Services.AddSingleton(probe ?? new TestProbe());
        if (decorateStorage is not null)
        {
            builder.Services.DecorateGrainStorage(decorateStorage);
        }

        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
