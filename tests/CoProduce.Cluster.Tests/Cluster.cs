using System.Security.Cryptography;
using CoProduce.Gateway.Auth;
using CoProduce.Testing.Processes;

namespace CoProduce.Cluster.Tests;

/// <summary>
/// The system under test, in real processes on loopback: a fresh database on the fault PostgreSQL
/// server, one silo worker and two gateways, all multi-node on that database. Hub clients (issue 5) and
/// payment workers (issue 6) join here: another process kind beside the gateways and the worker.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly List<NodeProcess> _nodes = [];

    private Cluster(FaultPostgresServer database, string connectionString, string signingKey)
    {
        Database = database;
        ConnectionString = connectionString;
        var key = Convert.FromBase64String(signingKey);
        Tokens = new TokenService(new AuthOptions { SigningKey = signingKey }, key, TimeProvider.System);
        SigningKey = signingKey;
    }

    public FaultPostgresServer Database { get; }

    public string ConnectionString { get; }

    public TokenService Tokens { get; }

    public IReadOnlyList<GatewayProcess> Gateways { get; private set; } = [];

    public NodeProcess? Worker { get; private set; }

    private string SigningKey { get; }

    /// <summary>Shared by every node, as in a deployment: an anonymous voter keeps one key whichever node serves them.</summary>
    private string AnonymityKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>Starts the silo worker and <paramref name="gateways"/> gateways; <paramref name="gatewaySettings"/> are added to the gateways' own.</summary>
    public static async Task<Cluster> StartAsync(int gateways, IReadOnlyDictionary<string, string>? gatewaySettings = null)
    {
        var database = FaultPostgresServer.FromEnvironment();
        var connectionString = await database.CreateDatabaseAsync("coproduce_cluster", maxPoolSize: 40);
        var cluster = new Cluster(database, connectionString, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        try
        {
            // The worker first: it migrates the schema, so the gateways start against a ready database.
            cluster.Worker = NodeProcess.Start(
                "silo", BuildOutput.AssemblyOf("silo/CoProduce.Silo"), ["--urls", $"http://127.0.0.1:{FreePort.Next()}"], cluster.Settings());
            cluster._nodes.Add(cluster.Worker);
            await cluster.Worker.WaitForOutputAsync("Application started", StartTimeout);

            var starting = Enumerable.Range(0, gateways)
                .Select(i => GatewayProcess.StartAsync(
                    $"gateway-{i}", new Dictionary<string, string>(cluster.Settings().Concat(gatewaySettings ?? new Dictionary<string, string>())), StartTimeout))
                .ToList();
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                // Gateways that did start are stopped with the cluster even when another one failed to.
                cluster._nodes.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result.Node));
            }

            cluster.Gateways = [.. starting.Select(t => t.Result)];
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>What every node shares: the database (multi-node), the token key, quiet logs.</summary>
    private Dictionary<string, string> Settings() => new()
    {
        ["CoProduce__Storage__Provider"] = "PostgreSql",
        ["CoProduce__Storage__ConnectionString"] = ConnectionString,
        ["CoProduce__Auth__SigningKey"] = SigningKey,
        ["CoProduce__Anonymity__Key"] = AnonymityKey,
        // Retries in tight loops through faults: the per-person HTTP rate limit is not what these tests are about.
        ["CoProduce__RateLimits__PerPersonPerMinute"] = "0",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    };

    /// <summary>Everything the nodes printed last, for a failure message.</summary>
    public string RecentOutput() => string.Join("\n", _nodes.Select(n => n.RecentOutput()));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await Database.DropDatabaseAsync(ConnectionString);
    }
}
