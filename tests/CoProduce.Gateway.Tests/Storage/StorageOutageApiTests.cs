using System.Net;
using CoProduce.Testing;
using Npgsql;

namespace CoProduce.Gateway.Tests.Storage;

/// <summary>
/// A database that cannot be reached is a 503 with Retry-After and problem details, never a 500, and
/// the same request succeeds once it is back. PostgreSQL only: an unreachable server is a network
/// failure, which embedded SQLite cannot have.
/// </summary>
public sealed class StorageOutageApiTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task RequestsWhileTheDatabaseIsUnreachableAnswer503WithRetryAfterAndSucceedOnceItIsBack()
    {
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new TcpProxy(server.Host!, server.Port);
        var throughProxy = new ProxiedDatabase(database, new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = proxy.Port }.ConnectionString);
        await using var app = new GatewayApplication(throughProxy);
        var admin = app.CreateClient(Guid.NewGuid());
        await Scenario.Organisation(admin, "Before the outage");

        proxy.Cut();
        var refused = await admin.PostJson("/api/organisations", new { name = "During the outage", kind = "LocalAuthority", displayName = "Priya" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("database", (await refused.Json()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await admin.GetAsync("/health/ready")).StatusCode);

        proxy.Restore();
        // Connections pooled before the cut are found broken one by one: each is a 503 to retry at once.
        HttpResponseMessage retried;
        var attempts = 0;
        do
        {
            retried = await admin.PostJson("/api/organisations", new { name = "After the outage", kind = "LocalAuthority", displayName = "Priya" });
            attempts++;
        }
        while (retried.StatusCode == HttpStatusCode.ServiceUnavailable && retried.Headers.RetryAfter is not null && attempts < 50);

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
    }

    /// <summary>The test's database, reached through the proxy.</summary>
    private sealed class ProxiedDatabase(PostgresDatabase database, string connectionString) : ITestDatabase
    {
        public string Provider => database.Provider;

        public IReadOnlyDictionary<string, string?> StorageSettings => new Dictionary<string, string?>
        {
            ["CoProduce:Storage:Provider"] = "PostgreSql",
            ["CoProduce:Storage:ConnectionString"] = connectionString,
        };

        public Task<IReadOnlyList<string>> DumpAsync(bool everyTable = false) => database.DumpAsync(everyTable);
    }
}
