using CoProduce.Gateway.Cli;
using CoProduce.Journal.Storage;
using CoProduce.Journal.Hosting;
using CoProduce.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Cli;

/// <summary>The <c>migrate</c> command on a fresh database of each provider.</summary>
public abstract class MigrateCommandTests
{
    private static readonly StateKey Probe = new("probe", "1", "state");

    protected abstract ITestDatabase NewDatabase();

    [Fact]
    public async Task MigrateCreatesTheSchemaAndCanRunAgain()
    {
        var database = NewDatabase();
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.StorageSettings).Build();
            await using var services = new ServiceCollection().AddJournalStorage(configuration).BuildServiceProvider();
            var storage = services.GetRequiredService<IGrainStorage>();
            await Assert.ThrowsAnyAsync<Exception>(() => storage.ReadStateAsync(Probe, CancellationToken.None));

            using var output = new StringWriter();
            Assert.Equal(0, await MigrateCommand.RunAsync(services, output));
            Assert.Equal(0, await MigrateCommand.RunAsync(services, output));

            Assert.Null(await storage.ReadStateAsync(Probe, CancellationToken.None));
            Assert.Contains("schema is up to date", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            (database as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public async Task MigrateFailureExitsWithOneAndSaysWhy()
    {
        // Nothing listens on port 1 of the loopback address: the connection is refused at once.
        await using var services = new ServiceCollection()
            .AddSingleton<IGrainStorage>(AdoGrainStorage.ForPostgres("Host=127.0.0.1;Port=1;Username=none;Password=none;Database=none;Timeout=3"))
            .BuildServiceProvider();
        using var output = new StringWriter();

        Assert.Equal(1, await MigrateCommand.RunAsync(services, output));
        Assert.Contains("PostgreSql storage could not be migrated", output.ToString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteMigrateCommandTests : MigrateCommandTests
{
    protected override ITestDatabase NewDatabase() => new SqliteDatabase();
}

public sealed class PostgresMigrateCommandTests : MigrateCommandTests
{
    protected override ITestDatabase NewDatabase() => new PostgresDatabase();
}
