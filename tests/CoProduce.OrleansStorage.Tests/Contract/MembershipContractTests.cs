using System.Data;
using System.Data.Common;
using System.Globalization;
using CoProduce.OrleansStorage.Tests.Hosting;
using CoProduce.Testing;

namespace CoProduce.OrleansStorage.Tests.Contract;

/// <summary>
/// The PostgreSQL membership queries called directly with Orleans' parameter names and types: the version row is
/// the table's ETag, and a member write that does nothing must leave it alone.
/// </summary>
public sealed class MembershipContractTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private readonly OrleansStore _store = OrleansStore.ForPostgres(database);

    [Fact]
    public async Task CreatingTheVersionRowTwiceAnswersOneThenZero()
    {
        await _store.MigrateAsync();
        await using var connection = await _store.OpenAsync();
        var cluster = NewCluster();

        Assert.Equal(1, Flag(await CreateVersionAsync(connection, cluster)));
        Assert.Equal(0, Flag(await CreateVersionAsync(connection, cluster)));
        Assert.Equal(0, await VersionAsync(connection, cluster));
    }

    [Fact]
    public async Task InsertingAMemberAtAWrongVersionAnswersZeroAndKeepsTheVersion()
    {
        await _store.MigrateAsync();
        await using var connection = await _store.OpenAsync();
        var cluster = NewCluster();
        await CreateVersionAsync(connection, cluster);

        Assert.Equal(0, Flag(await InsertMemberAsync(connection, cluster, port: 1, version: 5)));
        Assert.Equal(0, await VersionAsync(connection, cluster));

        Assert.Equal(1, Flag(await InsertMemberAsync(connection, cluster, port: 1, version: 0)));
        Assert.Equal(1, await VersionAsync(connection, cluster));
    }

    [Fact]
    public async Task InsertingAMemberThatExistsAnswersZeroAndRollsTheBumpBack()
    {
        await _store.MigrateAsync();
        await using var connection = await _store.OpenAsync();
        var cluster = NewCluster();
        await CreateVersionAsync(connection, cluster);
        await InsertMemberAsync(connection, cluster, port: 1, version: 0);

        Assert.Equal(0, Flag(await InsertMemberAsync(connection, cluster, port: 1, version: 1)));
        Assert.Equal(1, await VersionAsync(connection, cluster));
    }

    [Fact]
    public async Task UpdatingAMissingMemberAnswersZeroAndKeepsTheVersion()
    {
        await _store.MigrateAsync();
        await using var connection = await _store.OpenAsync();
        var cluster = NewCluster();
        await CreateVersionAsync(connection, cluster);

        var rows = await Sql.RunAsync(connection, "UpdateMembershipKey", command =>
        {
            Member(command, cluster, port: 9);
            Sql.Add(command, "Status", 6, DbType.Int32);
            Sql.Add(command, "SuspectTimes", null, DbType.String);
            Sql.Add(command, "IAmAliveTime", DateTime.UtcNow, DbType.DateTime);
            Sql.Add(command, "Version", 0, DbType.Int32);
        });

        Assert.Equal(0, Flag(rows));
        Assert.Equal(0, await VersionAsync(connection, cluster));
    }

    [Fact]
    public async Task CleanupRemovesOnlyDeadMembers()
    {
        await _store.MigrateAsync();
        await using var connection = await _store.OpenAsync();
        var cluster = NewCluster();
        await CreateVersionAsync(connection, cluster);
        await InsertMemberAsync(connection, cluster, port: 1, version: 0, status: 3);
        await InsertMemberAsync(connection, cluster, port: 2, version: 1, status: 6);

        await Sql.RunAsync(connection, "CleanupDefunctSiloEntriesKey", command =>
        {
            Sql.Add(command, "DeploymentId", cluster, DbType.String);
            Sql.Add(command, "IAmAliveTime", DateTime.UtcNow.AddDays(1), DbType.DateTime);
        });

        var ports = (await ReadAllAsync(connection, cluster)).Select(row => row[1]).ToList();
        Assert.Equal([1], ports.Select(port => Convert.ToInt32(port, CultureInfo.InvariantCulture)));
    }

    private static string NewCluster() => $"cluster-{Guid.NewGuid():N}";

    private static int Flag(List<object?[]> rows) =>
        Convert.ToInt32(Assert.Single(Assert.Single(rows)), CultureInfo.InvariantCulture);

    private static Task<List<object?[]>> CreateVersionAsync(DbConnection connection, string cluster) =>
        Sql.RunAsync(connection, "InsertMembershipVersionKey", command => Sql.Add(command, "DeploymentId", cluster, DbType.String));

    private static Task<List<object?[]>> ReadAllAsync(DbConnection connection, string cluster) =>
        Sql.RunAsync(connection, "MembershipReadAllKey", command => Sql.Add(command, "DeploymentId", cluster, DbType.String));

    private static async Task<int> VersionAsync(DbConnection connection, string cluster)
    {
        var rows = await ReadAllAsync(connection, cluster);
        return Convert.ToInt32(rows[0][^1], CultureInfo.InvariantCulture);
    }

    private static Task<List<object?[]>> InsertMemberAsync(DbConnection connection, string cluster, int port, int version, int status = 3) =>
        Sql.RunAsync(connection, "InsertMembershipKey", command =>
        {
            Member(command, cluster, port);
            Sql.Add(command, "SiloName", "silo", DbType.String);
            Sql.Add(command, "HostName", "host", DbType.String);
            Sql.Add(command, "Status", status, DbType.Int32);
            Sql.Add(command, "ProxyPort", 0, DbType.Int32);
            Sql.Add(command, "StartTime", DateTime.UtcNow, DbType.DateTime);
            Sql.Add(command, "IAmAliveTime", DateTime.UtcNow, DbType.DateTime);
            Sql.Add(command, "Version", version, DbType.Int32);
        });

    private static void Member(DbCommand command, string cluster, int port)
    {
        Sql.Add(command, "DeploymentId", cluster, DbType.String);
        Sql.Add(command, "Address", "127.0.0.1", DbType.AnsiString);
        Sql.Add(command, "Port", port, DbType.Int32);
        Sql.Add(command, "Generation", 1, DbType.Int32);
    }
}
