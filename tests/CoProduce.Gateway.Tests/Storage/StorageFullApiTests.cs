using System.Net;
using CoProduce.Journal.Storage;
using CoProduce.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CoProduce.Gateway.Tests.Storage;

/// <summary>
/// Storage that answers but cannot take writes (a full disk, a read-only database) is a 503 with Retry-After
/// and problem details, never a 500; nothing is changed, and readiness reports it.
/// </summary>
public sealed class StorageFullApiTests
{
    /// <summary>SQLite on a full disk: what the driver throws there (SQLITE_FULL), injected at the write.</summary>
    [Fact]
    public async Task AFullEmbeddedDatabaseAnswers503AndReadinessSaysSo()
    {
        var full = false;
        using var database = new SqliteDatabase();
        await using var app = new GatewayApplication(database, decorateStorage: inner => new FullWhenAsked(inner, () => full));
        var admin = app.CreateClient(Guid.NewGuid());
        await Scenario.Organisation(admin, "Before the disk filled");
        var before = await database.DumpAsync(everyTable: true);

        full = true;
        await AssertStorageRefused(await admin.PostJson("/api/organisations", new { name = "While full", kind = "LocalAuthority", displayName = "Priya" }));
        await AssertStorageRefused(await admin.PutJson("/api/me/profile", new { name = "Priya" }));
        Assert.Equal(before, await database.DumpAsync(everyTable: true));
        var ready = await admin.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("full or read-only", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/health/live")).StatusCode);

        full = false;
        await Scenario.Organisation(admin, "After space was freed");
    }

    /// <summary>A real read-only PostgreSQL database (as a standby is after a fail-over): every write is refused with 25006.</summary>
    [Fact]
    public async Task AReadOnlyPostgresDatabaseAnswers503AndReadinessSaysSo()
    {
        using var database = new PostgresDatabase();
        await using var app = new GatewayApplication(database);
        var admin = app.CreateClient(Guid.NewGuid());
        await Scenario.Organisation(admin, "Before read-only");
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database;
        await Execute(database, $"ALTER DATABASE \"{name}\" SET default_transaction_read_only = on");
        try
        {
            // Sessions opened before keep writing; end them, so every connection from now on is read-only.
            await Execute(database, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
            NpgsqlConnection.ClearAllPools();
            var before = await database.DumpAsync(everyTable: true);
            HttpResponseMessage refused;
            var attempts = 0;
            do
            {
                // A pooled connection found closed is a 503 of its own (unreachable); then read-only.
                refused = await admin.PostJson("/api/organisations", new { name = "While read-only", kind = "LocalAuthority", displayName = "Priya" });
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                attempts++;
            }
            while (!(await refused.Content.ReadAsStringAsync()).Contains("read-only", StringComparison.Ordinal) && attempts < 50);

            await AssertStorageRefused(refused);
            Assert.Equal(before, await database.DumpAsync(everyTable: true));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await admin.GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            await Execute(database, $"ALTER DATABASE \"{name}\" RESET default_transaction_read_only");
        }
    }

    private static async Task AssertStorageRefused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("full or read-only", (await response.Json()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task Execute(PostgresDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();

        // This session may start read-only itself; ALTER DATABASE needs it writable.
        await using (var writable = new NpgsqlCommand("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE", connection))
        {
            await writable.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class FullWhenAsked(IGrainStorage inner, Func<bool> full) : DelegatingGrainStorage(inner)
    {
        public override Task<string> WriteStateAsync(StateKey key, string? json, string? expectedEtag, IReadOnlyList<JournalAppend> events, CancellationToken cancellationToken) =>
            full() ? Task.FromException<string>(new SqliteException("database or disk is full", 13)) : base.WriteStateAsync(key, json, expectedEtag, events, cancellationToken);

        public override Task AppendJournalAsync(IReadOnlyList<JournalAppend> events, CancellationToken cancellationToken) =>
            full() ? Task.FromException(new SqliteException("database or disk is full", 13)) : base.AppendJournalAsync(events, cancellationToken);
    }
}
