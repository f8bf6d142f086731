using System.Net.Http.Headers;
using CoProduce.Gateway.Auth;
using CoProduce.Journal.Storage;
using CoProduce.Journal.Hosting;
using CoProduce.Testing;
using CoProduce.Testing.Processes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests;

/// <summary>
/// The real gateway (its own Program, grains and storage) on a test database: a throwaway SQLite folder
/// by default, or the database a test class owns. <c>configureServices</c> replaces services (the clock,
/// say). <see cref="CreateClient(Guid)"/> signs in as a person.
/// </summary>
public sealed class GatewayApplication(
    ITestDatabase? database = null,
    IReadOnlyDictionary<string, string?>? settings = null,
    Func<IGrainStorage, IGrainStorage>? decorateStorage = null,
    Action<IServiceCollection>? configureServices = null) : WebApplicationFactory<Program>
{
    /// <summary>A fixed test key, so tokens minted by one application are valid in another on the same database.</summary>
    public const string TestSigningKey = "Y29wcm9kdWNlLXRlc3Qtc2lnbmluZy1rZXktMzItYnl0ZXMhIQ==";

    /// <summary>A fixed anonymity key, so applications on the same database file ballots under the same keys.</summary>
    public const string TestAnonymityKey = "Y29wcm9kdWNlLXRlc3QtYW5vbnltaXR5LWtleS0zMiEhIQ==";

    private readonly SqliteDatabase? _ownDatabase = StopSharedGateway(database) is null ? new SqliteDatabase() : null;

    private ITestDatabase Database => database ?? _ownDatabase!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("CoProduce:Auth:SigningKey", TestSigningKey);
        builder.UseSetting("CoProduce:Anonymity:Key", TestAnonymityKey);

        // The console shows warnings and errors only, so a failing test's cause is not buried in the
        // information logs of hundreds of servers; providers a test adds (LogCapture) still see everything.
        builder.UseSetting("Logging:Console:LogLevel:Default", "Warning");
        // Jobs (payout runs, their retries) are looked for often, so a test waits fractions of a second, not seconds.
        builder.UseSetting("CoProduce:Jobs:PollInterval", "00:00:00.100");
        // Orleans warns of what is true of every test host on a busy 2-core machine (no server GC, stalled thread pool).
        builder.UseSetting("Logging:Console:LogLevel:Orleans", "Error");
        // Each application is a silo of its own, the whole of its cluster even on PostgreSQL (tests start one after another
        // on one database, with clocks of their own), on its own ports so that many run side by side. Real clusters of
        // several nodes on PostgreSQL are tested in processes (CoProduce.Cluster.Tests, CoProduce.Clustering.Tests).
        builder.UseSetting("CoProduce:Cluster:SingleNode", "true");
        var (siloPort, gatewayPort) = FreePort.Two();
        builder.UseSetting("CoProduce:Cluster:SiloPort", siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("CoProduce:Cluster:GatewayPort", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The node's grain directory caches, pre-sized for their entries (100,000 each on a node): a test host touches a
        // few dozen grains, and a run starts about a thousand hosts.
        builder.UseSetting("CoProduce:Cluster:Directory:CacheSize", "1000");
        foreach (var (key, value) in Database.StorageSettings)
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (decorateStorage is not null)
        {
            builder.ConfigureServices(services => services.DecorateGrainStorage(decorateStorage));
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IFatalErrorHandler, TestFatalErrorHandler>();
            SiloStoppedOnce.Replace(services);
            EndpointLimiterDisposal.Add(services);
        });
        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }

    /// <summary>A token for <paramref name="personId"/>, as the configured issuer would give.</summary>
    public string TokenFor(Guid personId) => Services.GetRequiredService<TokenService>().Issue(personId);

    /// <summary>A client signed in as <paramref name="personId"/>.</summary>
    public HttpClient CreateClient(Guid personId)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(personId));
        return client;
    }

    /// <summary>A class's shared gateway stops before this one starts on the same database (see <see cref="GatewayDatabase"/>).</summary>
    private static ITestDatabase? StopSharedGateway(ITestDatabase? database)
    {
        (database as GatewayDatabase)?.StopShared();
        return database;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _ownDatabase?.Dispose();
    }
}
