using CoProduce.Testing;

namespace CoProduce.Gateway.Tests;

/// <summary>
/// A test class's database with one gateway on it that the class's tests share (<see cref="Shared"/>), started at
/// its first use and stopped with the class. Starting a gateway costs about a third of a second of processor time,
/// most of a short API test. The class's tests already share the database, and each makes its own organisations,
/// projects and people, so sharing the gateway too changes nothing they see. A test that needs a gateway of its own
/// (other settings, another clock, a restart) makes one as before; the shared one is stopped first, so two silos
/// never run on the database at once, and it starts again when a later test asks for it.
/// </summary>
public abstract class GatewayDatabase(ITestDatabase database) : ITestDatabase, IAsyncLifetime
{
    private GatewayApplication? _shared;
    private IReadOnlyDictionary<string, string?> _sharedSettings = new Dictionary<string, string?>();

    public string Provider => database.Provider;

    public IReadOnlyDictionary<string, string?> StorageSettings => database.StorageSettings;

    /// <summary>The gateway this class's tests share; not for disposing by a test.</summary>
    public GatewayApplication Shared => SharedWith(new Dictionary<string, string?>());

    /// <summary>
    /// The shared gateway with these settings (a class whose tests all need the same ones); it is started again
    /// when a test asks with other settings than it runs with.
    /// </summary>
    public GatewayApplication SharedWith(IReadOnlyDictionary<string, string?> settings)
    {
        if (_shared is not null && !SameSettings(settings, _sharedSettings))
        {
            StopShared();
        }

        if (_shared is null)
        {
            var started = new GatewayApplication(this, settings);
            (_shared, _sharedSettings) = (started, settings);
        }

        return _shared;
    }

    private static bool SameSettings(IReadOnlyDictionary<string, string?> one, IReadOnlyDictionary<string, string?> other) =>
        one.Count == other.Count && one.All(setting => other.TryGetValue(setting.Key, out var value) && value == setting.Value);

    public Task<IReadOnlyList<string>> DumpAsync(bool everyTable = false) => database.DumpAsync(everyTable);

    /// <summary>Stops the shared gateway, if it runs, before another starts on the database.</summary>
    internal void StopShared()
    {
        var shared = _shared;
        _shared = null;
        shared?.Dispose();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_shared is { } shared)
        {
            _shared = null;
            await shared.DisposeAsync();
        }

        (database as IDisposable)?.Dispose();
    }
}

/// <summary>A class's SQLite database, with the gateway its tests share.</summary>
public sealed class SqliteGateway() : GatewayDatabase(new SqliteDatabase());

/// <summary>A class's PostgreSQL database, with the gateway its tests share.</summary>
public sealed class PostgresGateway() : GatewayDatabase(new PostgresDatabase());
