using System.Data;
using System.Data.Common;
using System.Globalization;
using CoProduce.OrleansStorage.Tests.Hosting;
using CoProduce.Testing;

namespace CoProduce.OrleansStorage.Tests.Contract;

/// <summary>
/// The reminder queries called directly with Orleans' parameter names and types. Hashes are the signed values Orleans
/// binds; ranges are (begin, end] in signed order, or wrap around when begin is not below end.
/// </summary>
public abstract class ReminderContractTests
{
    protected abstract OrleansStore Store { get; }

    [Fact]
    public async Task RangesCompareTheSignedHashes()
    {
        await Store.MigrateAsync();
        await using var connection = await Store.OpenAsync();
        var service = NewService();
        foreach (var hash in new[] { int.MinValue, -100, 0, 100, int.MaxValue })
        {
            await UpsertAsync(connection, service, $"grain/{hash}", hash);
        }

        Assert.Equal([0, 100], await RangeAsync(connection, service, "ReadRangeRows1Key", -100, 100));
        Assert.Equal([int.MinValue, -100, int.MaxValue], await RangeAsync(connection, service, "ReadRangeRows2Key", 100, -100));
        Assert.Equal(5, (await RangeAsync(connection, service, "ReadRangeRows2Key", 7, 7)).Count);
    }

    [Fact]
    public async Task UpsertingAgainBumpsTheVersionAndDeleteNeedsTheCurrentOne()
    {
        await Store.MigrateAsync();
        await using var connection = await Store.OpenAsync();
        var service = NewService();

        var first = await UpsertAsync(connection, service, "grain/1", 1);
        var second = await UpsertAsync(connection, service, "grain/1", 1);
        Assert.Equal(first + 1, second);

        Assert.Equal(0, await DeleteAsync(connection, service, "grain/1", first));
        Assert.Single(await ReadRowsAsync(connection, service, "grain/1"));
        Assert.Equal(1, await DeleteAsync(connection, service, "grain/1", second));
        Assert.Empty(await ReadRowsAsync(connection, service, "grain/1"));
    }

    private static string NewService() => $"service-{Guid.NewGuid():N}";

    private static async Task<int> UpsertAsync(DbConnection connection, string service, string grainId, int hash)
    {
        var rows = await Sql.RunAsync(connection, "UpsertReminderRowKey", command =>
        {
            Sql.Add(command, "ServiceId", service, DbType.String);
            Sql.Add(command, "GrainHash", hash, DbType.Int32);
            Sql.Add(command, "GrainId", grainId, DbType.AnsiString);
            Sql.Add(command, "ReminderName", "tick", DbType.String);
            Sql.Add(command, "StartTime", DateTime.UtcNow, DbType.DateTime);
            Sql.Add(command, "Period", 60_000, DbType.Int32);
        });
        return Convert.ToInt32(Assert.Single(Assert.Single(rows)), CultureInfo.InvariantCulture);
    }

    private static async Task<int> DeleteAsync(DbConnection connection, string service, string grainId, int version)
    {
        var rows = await Sql.RunAsync(connection, "DeleteReminderRowKey", command =>
        {
            Sql.Add(command, "ServiceId", service, DbType.String);
            Sql.Add(command, "GrainId", grainId, DbType.AnsiString);
            Sql.Add(command, "ReminderName", "tick", DbType.String);
            Sql.Add(command, "Version", version, DbType.Int32);
        });
        return Convert.ToInt32(Assert.Single(Assert.Single(rows)), CultureInfo.InvariantCulture);
    }

    private static Task<List<object?[]>> ReadRowsAsync(DbConnection connection, string service, string grainId) =>
        Sql.RunAsync(connection, "ReadReminderRowsKey", command =>
        {
            Sql.Add(command, "ServiceId", service, DbType.String);
            Sql.Add(command, "GrainId", grainId, DbType.AnsiString);
        });

    private static async Task<List<int>> RangeAsync(DbConnection connection, string service, string key, int begin, int end)
    {
        var rows = await Sql.RunAsync(connection, key, command =>
        {
            Sql.Add(command, "ServiceId", service, DbType.String);
            Sql.Add(command, "BeginHash", begin, DbType.Int32);
            Sql.Add(command, "EndHash", end, DbType.Int32);
        });

        // Column 0 is GrainId, "grain/<hash>".
        return [.. rows.Select(row => int.Parse(((string)row[0]!)["grain/".Length..], CultureInfo.InvariantCulture)).Order()];
    }
}

public sealed class SqliteReminderContractTests : ReminderContractTests, IDisposable
{
    private readonly SqliteDatabase _database = new();

    public SqliteReminderContractTests() =>
        Store = OrleansStore.ForSqlite(Path.Combine(_database.StorageSettings["CoProduce:Storage:DataDirectory"]!, "coproduce.db"));

    protected override OrleansStore Store { get; }

    public void Dispose() => _database.Dispose();
}

public sealed class PostgresReminderContractTests(PostgresDatabase database) : ReminderContractTests, IClassFixture<PostgresDatabase>
{
    protected override OrleansStore Store { get; } = OrleansStore.ForPostgres(database);
}
