using System.Data;
using System.Data.Common;
using System.Globalization;
using CoProduce.OrleansStorage.Tests.Hosting;
using CoProduce.Testing;

namespace CoProduce.OrleansStorage.Tests.Contract;

/// <summary>
/// The grain state queries called directly with Orleans' parameter names and types, for answers the provider
/// rarely provokes: it reads a conflict from the shape of the answer, so the shape is the contract.
/// </summary>
public abstract class GrainStateContractTests
{
    private const string ServiceId = "contract";

    protected abstract OrleansStore Store { get; }

    [Fact]
    public async Task AStaleWriteEchoesTheSentVersionAndChangesNothing()
    {
        await Store.MigrateAsync();
        await using var connection = await Store.OpenAsync();
        var grain = Identity.New();

        Assert.Equal(1, Single(await WriteAsync(connection, grain, version: null, [1])));
        Assert.Equal(2, Single(await WriteAsync(connection, grain, version: 1, [2])));

        Assert.Equal(1, Single(await WriteAsync(connection, grain, version: 1, [3])));
        Assert.Equal(7, Single(await WriteAsync(connection, grain, version: 7, [3])));

        var stored = Assert.Single(await ReadAsync(connection, grain));
        Assert.Equal(new byte[] { 2 }, stored[0]);
        Assert.Equal(2, Convert.ToInt32(stored[1], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ADuplicateFirstWriteAnswersNoRow()
    {
        await Store.MigrateAsync();
        await using var connection = await Store.OpenAsync();
        var grain = Identity.New();

        Assert.Equal(1, Single(await WriteAsync(connection, grain, version: null, [1])));
        Assert.Empty(await WriteAsync(connection, grain, version: null, [9]));

        var stored = Assert.Single(await ReadAsync(connection, grain));
        Assert.Equal(new byte[] { 1 }, stored[0]);
    }

    [Fact]
    public async Task ClearingKeepsARowWithAHigherVersionAndNoPayload()
    {
        await Store.MigrateAsync();
        await using var connection = await Store.OpenAsync();
        var grain = Identity.New();
        await WriteAsync(connection, grain, version: null, [1]);

        Assert.Equal(5, Single(await ClearAsync(connection, grain, version: 5)));
        Assert.Equal(2, Single(await ClearAsync(connection, grain, version: 1)));

        var stored = Assert.Single(await ReadAsync(connection, grain));
        Assert.Null(stored[0]);
        Assert.Equal(2, Convert.ToInt32(stored[1], CultureInfo.InvariantCulture));
        Assert.Empty(await WriteAsync(connection, grain, version: null, [4]));
        Assert.Equal(3, Single(await WriteAsync(connection, grain, version: 2, [4])));
    }

    [Fact]
    public async Task KeysThatDifferOnlyInTheirExtensionAreSeparateRows()
    {
        await Store.MigrateAsync();
        await using var connection = await Store.OpenAsync();
        var plain = Identity.New();
        var extended = plain with { Extension = "x" };
        var empty = plain with { Extension = "" };

        Assert.Equal(1, Single(await WriteAsync(connection, plain, version: null, [1])));
        Assert.Equal(1, Single(await WriteAsync(connection, extended, version: null, [2])));
        Assert.Equal(1, Single(await WriteAsync(connection, empty, version: null, [3])));

        Assert.Equal(new byte[] { 1 }, Assert.Single(await ReadAsync(connection, plain))[0]);
        Assert.Equal(new byte[] { 2 }, Assert.Single(await ReadAsync(connection, extended))[0]);
        Assert.Equal(new byte[] { 3 }, Assert.Single(await ReadAsync(connection, empty))[0]);
    }

    private static int Single(List<object?[]> rows)
    {
        var row = Assert.Single(rows);
        var value = Assert.Single(row);
        return Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    private static Task<List<object?[]>> ReadAsync(DbConnection connection, Identity grain) =>
        Sql.RunAsync(connection, "ReadFromStorageKey", command => grain.Bind(command));

    private static Task<List<object?[]>> WriteAsync(DbConnection connection, Identity grain, int? version, byte[] payload) =>
        Sql.RunAsync(connection, "WriteToStorageKey", command =>
        {
            grain.Bind(command);
            Sql.Add(command, "GrainStateVersion", version, DbType.Int32);
            Sql.Add(command, "PayloadBinary", payload, DbType.Binary);
        });

    private static Task<List<object?[]>> ClearAsync(DbConnection connection, Identity grain, int? version) =>
        Sql.RunAsync(connection, "ClearStorageKey", command =>
        {
            grain.Bind(command);
            Sql.Add(command, "GrainStateVersion", version, DbType.Int32);
        });

    private sealed record Identity(long N0, long N1, string? Extension)
    {
        public static Identity New()
        {
            var bytes = Guid.NewGuid().ToByteArray();
            return new Identity(BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8), null);
        }

        public void Bind(DbCommand command)
        {
            Sql.Add(command, "GrainIdHash", (int)(N0 ^ N1), DbType.Int32);
            Sql.Add(command, "GrainIdN0", N0, DbType.Int64);
            Sql.Add(command, "GrainIdN1", N1, DbType.Int64);
            Sql.Add(command, "GrainTypeHash", 17, DbType.Int32);
            Sql.Add(command, "GrainTypeString", "probe", DbType.String);
            Sql.Add(command, "GrainIdExtensionString", Extension, DbType.String);
            Sql.Add(command, "ServiceId", ServiceId, DbType.String);
        }
    }
}

public sealed class SqliteGrainStateContractTests : GrainStateContractTests, IDisposable
{
    private readonly SqliteDatabase _database = new();

    public SqliteGrainStateContractTests() =>
        Store = OrleansStore.ForSqlite(Path.Combine(_database.StorageSettings["CoProduce:Storage:DataDirectory"]!, "coproduce.db"));

    protected override OrleansStore Store { get; }

    public void Dispose() => _database.Dispose();
}

public sealed class PostgresGrainStateContractTests(PostgresDatabase database) : GrainStateContractTests, IClassFixture<PostgresDatabase>
{
    protected override OrleansStore Store { get; } = OrleansStore.ForPostgres(database);
}
