using System.Diagnostics;
using CoProduce.OrleansStorage.Tests.Hosting;
using CoProduce.Testing;
using Microsoft.Data.Sqlite;

namespace CoProduce.OrleansStorage.Tests;

/// <summary>
/// Orleans opens its own SQLite connections from the connection string we hand it and runs no set-up statement on
/// them: the write-ahead log and the busy wait must hold for those connections as they are.
/// </summary>
public sealed class SqliteConnectionSettingsTests : IDisposable
{
    private readonly SqliteDatabase _database = new();
    private readonly OrleansStore _store;

    public SqliteConnectionSettingsTests()
    {
        var folder = _database.StorageSettings["CoProduce:Storage:DataDirectory"]!;
        _store = OrleansStore.ForSqlite(Path.Combine(folder, "coproduce.db"));
    }

    [Fact]
    public async Task OrleansConnectionsUseTheWriteAheadLog()
    {
        await _store.MigrateAsync();
        await using var connection = await _store.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task AnOrleansWriteWaitsForAnotherWriterInsteadOfFailing()
    {
        await _store.MigrateAsync();
        await using var holder = (SqliteConnection)await _store.OpenAsync();
        await using var transaction = holder.BeginTransaction(deferred: false);

        var clock = Stopwatch.StartNew();
        var writerStarted = TimeSpan.MaxValue;
        var write = Task.Run(async () =>
        {
            await using var connection = await _store.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('probe', 'probe')";
            writerStarted = clock.Elapsed;
            return await command.ExecuteNonQueryAsync();
        });

        // Hold the write lock well past the writer's start, then let it go.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var released = clock.Elapsed;
        await transaction.CommitAsync();

        Assert.Equal(1, await write);
        Assert.True(writerStarted < released, "the writer started only after the lock was released, so it proved nothing");
    }

    public void Dispose() => _database.Dispose();
}
