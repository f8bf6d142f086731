using CoProduce.OrleansStorage.Tests.Grains;
using CoProduce.OrleansStorage.Tests.Hosting;
using CoProduce.Testing;
using Orleans.Storage;

namespace CoProduce.OrleansStorage.Tests;

/// <summary>
/// Orleans' own ADO.NET grain storage and reminder providers, run by real silo hosts on the schema <c>migrate</c> creates.
/// </summary>
public abstract class OrleansProviderTests
{
    // Orleans refuses reminder periods below ReminderOptions.MinimumReminderPeriod, 1 minute by default; the tests
    // keep that default. The first tick comes after the due time, which may be shorter.
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    protected abstract OrleansStore Store { get; }

    protected abstract IReadOnlySet<string> ExpectedQueryKeys { get; }

    [Fact]
    public async Task MigratingAgainLeavesOneRowPerQueryKey()
    {
        await Store.MigrateAsync();
        var first = await QueryRowsAsync();
        await Store.MigrateAsync();

        // Run the Orleans step itself again on a database that already has it, as a re-applied step would.
        await using (var connection = await Store.OpenAsync())
        {
            await using var forget = connection.CreateCommand();
            forget.CommandText = "DELETE FROM cp_schema_migrations WHERE version = 2";
            Assert.Equal(1, await forget.ExecuteNonQueryAsync());
        }

        await Store.MigrateAsync();
        var again = await QueryRowsAsync();

        Assert.Equal(ExpectedQueryKeys.Order(StringComparer.Ordinal), first.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task StateWrittenBeforeARestartIsReadAfterIt()
    {
        await Store.MigrateAsync();
        var key = Guid.NewGuid();
        await using (var silo = await ProbeSilo.StartAloneAsync(Store, "first"))
        {
            await silo.Grains.GetGrain<IProbeGrain>(key).Write(42);
        }

        await using (var silo = await ProbeSilo.StartAloneAsync(Store, "second"))
        {
            Assert.Equal(42, await silo.Grains.GetGrain<IProbeGrain>(key).Value());
            Assert.Null(await silo.Grains.GetGrain<IProbeGrain>(Guid.NewGuid()).Value());
        }
    }

    [Fact]
    public async Task AWriteFromAStaleCopyIsRefusedAndOverwritesNothing()
    {
        await Store.MigrateAsync();
        var key = Guid.NewGuid();

        // Two silos that do not know each other each hold an activation of one grain: a duplicate activation.
        await using var one = await ProbeSilo.StartAloneAsync(Store, "one", clusterId: "one");
        await using var other = await ProbeSilo.StartAloneAsync(Store, "other", clusterId: "other");
        var stale = one.Grains.GetGrain<IProbeGrain>(key);
        var current = other.Grains.GetGrain<IProbeGrain>(key);

        await stale.Write(1);
        Assert.Equal(1, await current.Value());
        await current.Write(2);

        await Assert.ThrowsAsync<InconsistentStateException>(() => stale.Write(3));
        Assert.Equal(2, await current.StoredValue());
    }

    [Fact]
    public async Task ClearingThenWritingAgainWorks()
    {
        await Store.MigrateAsync();
        var key = Guid.NewGuid();
        await using (var silo = await ProbeSilo.StartAloneAsync(Store, "first"))
        {
            var grain = silo.Grains.GetGrain<IProbeGrain>(key);
            await grain.Write(5);
            await grain.Clear();
            Assert.Null(await grain.StoredValue());
            await grain.Write(6);
        }

        await using (var silo = await ProbeSilo.StartAloneAsync(Store, "second"))
        {
            Assert.Equal(6, await silo.Grains.GetGrain<IProbeGrain>(key).Value());
        }
    }

    [Fact]
    public async Task AClearedStateRefusesAWriterFromBeforeTheClear()
    {
        await Store.MigrateAsync();
        var key = Guid.NewGuid();
        await using var one = await ProbeSilo.StartAloneAsync(Store, "one", clusterId: "one");
        await using var other = await ProbeSilo.StartAloneAsync(Store, "other", clusterId: "other");
        var stale = one.Grains.GetGrain<IProbeGrain>(key);
        var current = other.Grains.GetGrain<IProbeGrain>(key);

        await stale.Write(1);
        Assert.Equal(1, await current.Value());
        await current.Clear();

        await Assert.ThrowsAsync<InconsistentStateException>(() => stale.Write(3));
        Assert.Null(await current.StoredValue());
    }

    [Fact]
    public async Task AReminderRegisteredBeforeARestartFiresAfterIt()
    {
        await Store.MigrateAsync();
        var key = Guid.NewGuid();
        await using (var silo = await ProbeSilo.StartAloneAsync(Store, "before"))
        {
            await silo.Grains.GetGrain<IProbeGrain>(key).Remind(due: TimeSpan.FromSeconds(10), ReminderPeriod);
        }

        await using (var silo = await ProbeSilo.StartAloneAsync(Store, "after"))
        {
            // Should the first tick have come before the restart, the next one comes a period later: the deadline covers it.
            var grain = silo.Grains.GetGrain<IProbeGrain>(key);
            await Eventually.Until(grain.TickedOn, host => host == "after", TimeSpan.FromSeconds(100), "reminder tick after restart");
        }
    }

    private async Task<Dictionary<string, string>> QueryRowsAsync()
    {
        await using var connection = await Store.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryKey, QueryText FROM OrleansQuery";
        var rows = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0), reader.GetString(1));
        }

        return rows;
    }

    internal static readonly string[] StateAndReminderKeys =
    [
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey",
        "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    internal static readonly string[] ClusteringKeys =
    [
        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "InsertMembershipKey",
        "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
    ];
}
