using CoProduce.Runtime.Events;
using CoProduce.Runtime.Grains;
using CoProduce.Runtime.Tests.Fixtures;
using CoProduce.Runtime.Tests.Grains;
using CoProduce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Runtime.Tests;

/// <summary>Group commit: concurrent changes share writes, nothing is acknowledged before it is durable.</summary>
public abstract class CoalescedWriteTests(ITestDatabase database)
{
    private const int Voters = 200;

    /// <param name="firstTurnStillRunning">
    /// The first write starts inside the first call's turn. If that turn has ended, the other casts run
    /// inline on the test's thread; if not, they queue on the activation and run there. Either way each
    /// one changes the state while the first write is held, and all of them share the second write.
    /// </param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ChangesMadeDuringAWriteShareTheNextWriteAndAllAreKept(bool firstTurnStillRunning)
    {
        GatedStorage? gated = null;
        using var turn = firstTurnStillRunning ? new ManualResetEventSlim() : null;
        var key = Guid.NewGuid().ToString("N");
        await using (var silo = await TestSilo.StartAsync(database, decorateStorage: inner => gated = new GatedStorage(inner) { FirstWriteTurnGate = turn }))
        {
            var box = silo.Grains.GetGrain<IBallotBoxGrain>(key);
            var first = box.Cast("voter-0");
            await gated!.FirstWriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
            try
            {
                var rest = Enumerable.Range(1, Voters - 1).Select(i => box.Cast($"voter-{i}")).ToList();
                if (turn is not null)
                {
                    // The first call's turn still holds the activation: every other cast waits in its queue.
                    Assert.Equal(1, silo.Probe.Count($"cast:{key}"));
                    turn.Set();
                }

                // Whether they ran inline or from the queue, wait until every cast has changed the state
                // (the first write's turn may still be ending when the casts are made, so some may queue).
                await silo.Probe.WhenCount($"cast:{key}", Voters);
                Assert.Equal(1, gated.Writes);
                Assert.False(first.IsCompleted);
                Assert.DoesNotContain(rest, t => t.IsCompleted);
                gated.FirstWriteGate.SetResult();
                await first;
                await Task.WhenAll(rest);
                Assert.Equal(2, gated.Writes);
            }
            finally
            {
                // A failed assertion must not leave the write held: stopping the silo would wait for it.
                turn?.Set();
                gated.FirstWriteGate.TrySetResult();
            }
        }

        await using var reader = await TestSilo.StartAsync(database);
        Assert.Equal(Voters, (await reader.Grains.GetGrain<IBallotBoxGrain>(key).Voters()).Count);
        var journal = await reader.Services.GetRequiredService<IGrainEventStream>().ReadAsync(new GrainId("ballotbox", key), 0, 1000);
        Assert.Equal(Enumerable.Range(1, Voters).Select(i => (long)i), journal.Select(e => e.Sequence));
    }

    [Fact]
    public async Task ARefusedRequestsEventsAreDroppedWhileOthersInterleave()
    {
        await using var silo = await TestSilo.StartAsync(database);
        var key = Guid.NewGuid().ToString("N");
        var box = silo.Grains.GetGrain<IBallotBoxGrain>(key);
        // The refused call is still in flight (reentrancy lets others in) when it fails; what it raised
        // must not ride along with the next write.
        var refused = box.CastThenRefuse("refused");
        Assert.Empty(await box.Voters());
        silo.Probe.Signal($"refuse:{key}");
        await Assert.ThrowsAsync<InvalidOperationException>(() => refused);
        await box.Cast("first");
        await box.Cast("second");

        var journal = await silo.Services.GetRequiredService<IGrainEventStream>().ReadAsync(new GrainId("ballotbox", key), 0, 1000);
        Assert.Equal(["first", "second"], journal.Select(e => System.Text.Json.JsonDocument.Parse(e.Json).RootElement.GetProperty("voter").GetString()));
    }

    [Fact]
    public async Task WhenASharedWriteFailsEveryCallerInItFailsAndNothingOfTheirsIsKept()
    {
        GatedStorage? gated = null;
        var key = Guid.NewGuid().ToString("N");
        await using (var silo = await TestSilo.StartAsync(database, decorateStorage: inner => gated = new GatedStorage(inner) { FailWriteNumber = 2 }))
        {
            var box = silo.Grains.GetGrain<IBallotBoxGrain>(key);
            var first = box.Cast("kept");
            await gated!.FirstWriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var lost = Enumerable.Range(0, 20).Select(i => box.Cast($"refused-{i}")).ToList();

            // Every refused cast has changed the state while the first write is held, so all share the second.
            await silo.Probe.WhenCount($"cast:{key}", 21);
            gated.FirstWriteGate.SetResult();
            await first;
            foreach (var refused in lost)
            {
                await Assert.ThrowsAsync<IOException>(() => refused);
            }

            // The grain reloads: only the acknowledged vote is there, and new votes work again.
            Assert.Equal(["kept"], await box.Voters());
            await box.Cast("after");
        }

        await using var reader = await TestSilo.StartAsync(database);
        Assert.Equal(["after", "kept"], (await reader.Grains.GetGrain<IBallotBoxGrain>(key).Voters()).Order());
        var journal = await reader.Services.GetRequiredService<IGrainEventStream>().ReadAsync(new GrainId("ballotbox", key), 0, 1000);
        Assert.Equal(2, journal.Count);
    }
}

public sealed class SqliteCoalescedWriteTests(SqliteDatabase database) : CoalescedWriteTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresCoalescedWriteTests(PostgresDatabase database) : CoalescedWriteTests(database), IClassFixture<PostgresDatabase>;
