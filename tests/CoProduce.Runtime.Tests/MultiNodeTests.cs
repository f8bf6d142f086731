using CoProduce.Runtime.State;
using CoProduce.Runtime.Tests.Fixtures;
using CoProduce.Runtime.Tests.Grains;
using CoProduce.Testing;

namespace CoProduce.Runtime.Tests;

/// <summary>
/// Several nodes on one storage (CoProduce:Runtime:MultiNode): a grain active on two nodes at once never
/// answers from a copy the other node has moved past, and a write that loses the race runs again on a
/// fresh copy instead of failing its caller. A write that fails for any reason leaves no trace in memory.
/// </summary>
public abstract class MultiNodeTests(ITestDatabase database)
{
    private static readonly Dictionary<string, string?> MultiNode = new() { ["CoProduce:Runtime:MultiNode"] = "true" };

    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task ACallOnAnotherNodeSeesWhatThisNodeWrote()
    {
        var key = NewKey();
        await using var one = await TestSilo.StartAsync(database, settings: MultiNode);
        await using var two = await TestSilo.StartAsync(database, settings: MultiNode);
        var onTwo = two.Grains.GetGrain<ICounterGrain>(key);
        Assert.Equal(0, await onTwo.Value());

        await one.Grains.GetGrain<ICounterGrain>(key).Increment();
        await one.Grains.GetGrain<ICounterGrain>(key).Increment();

        // Node two's activation still holds 0 in memory; it must notice and read afresh.
        Assert.Equal(2, await onTwo.Value());
        Assert.Equal(3, await onTwo.Increment());
    }

    [Fact]
    public async Task AWriteThatLosesARaceWithAnotherNodeRunsAgainOnAFreshCopy()
    {
        var key = NewKey();
        var probe = new TestProbe();
        await using var one = await TestSilo.StartAsync(database, probe, MultiNode);
        await using var two = await TestSilo.StartAsync(database, probe, MultiNode);

        var slow = two.Grains.GetGrain<IGatedCounterGrain>(key).IncrementAfterGate();
        await probe.WhenSignalled($"entered:{key}");
        Assert.Equal(1, await one.Grains.GetGrain<IGatedCounterGrain>(key).Increment());
        probe.Signal($"release:{key}");

        // Node two read 0 and tried to write 1 over the stored 1: refused, then run again from 1.
        Assert.Equal(2, await slow);
        Assert.Equal(2, probe.Count($"entered:{key}"));
        Assert.Equal(2, await one.Grains.GetGrain<IGatedCounterGrain>(key).Value());
    }

    [Fact]
    public async Task WithoutMultiNodeALostRaceStillReachesTheCaller()
    {
        var key = NewKey();
        var probe = new TestProbe();
        await using var one = await TestSilo.StartAsync(database, probe);
        await using var two = await TestSilo.StartAsync(database, probe);

        var slow = two.Grains.GetGrain<IGatedCounterGrain>(key).IncrementAfterGate();
        await probe.WhenSignalled($"entered:{key}");
        await one.Grains.GetGrain<IGatedCounterGrain>(key).Increment();
        probe.Signal($"release:{key}");

        await Assert.ThrowsAsync<InconsistentStateException>(() => slow);
    }

    [Fact]
    public async Task AWriteThatFailsLeavesNoTraceInTheActivation()
    {
        var key = NewKey();
        FlakyStorage? flaky = null;
        await using var silo = await TestSilo.StartAsync(database, decorateStorage: inner => flaky = new FlakyStorage(inner));
        var counter = silo.Grains.GetGrain<ICounterGrain>(key);
        Assert.Equal(1, await counter.Increment());

        flaky!.FailNextWrite = true;
        await Assert.ThrowsAsync<IOException>(counter.Increment);
        Assert.Equal(1, await counter.Value());

        // The connection drops after the commit: the caller hears a failure, so the copy in memory
        // (which holds the change) must go, and the next call reads what storage really holds.
        flaky.FailNextWriteAfterCommit = true;
        await Assert.ThrowsAsync<IOException>(counter.Increment);
        Assert.Equal(2, await counter.Value());
        Assert.Equal(3, await counter.Increment());
    }

    [Fact]
    public async Task AReminderTickOnANodeWithAStaleCopyRunsOnTheStoredState()
    {
        var key = NewKey();
        var probe = new TestProbe();
        await using var firing = await TestSilo.StartAsync(database, probe, MultiNode);
        await using var other = await TestSilo.StartAsync(database, probe, new Dictionary<string, string?>(MultiNode)
        {
            // Only the first node fires reminders.
            ["CoProduce:Reminders:PollInterval"] = "01:00:00",
        });
        Assert.Equal(0, await firing.Grains.GetGrain<ITallyReminderGrain>(key).Value());

        // The other node moves the stored tally past the firing node's copy, then sets one tick.
        var elsewhere = other.Grains.GetGrain<ITallyReminderGrain>(key);
        Assert.Equal(1, await elsewhere.Add());
        await elsewhere.Remind(TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));

        // The only tick adds to the stored 1, not to the stale 0 (whose write would be refused and the tick lost).
        Assert.Equal(2, (int)(await probe.WhenSignalled($"ticked:{key}"))!);
        Assert.Equal(2, await elsewhere.Value());
    }
}

public sealed class SqliteMultiNodeTests(SqliteDatabase database) : MultiNodeTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresMultiNodeTests(PostgresDatabase database) : MultiNodeTests(database), IClassFixture<PostgresDatabase>;
