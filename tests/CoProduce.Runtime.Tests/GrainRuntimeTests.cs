using CoProduce.Runtime.Grains;
using CoProduce.Runtime.State;
using CoProduce.Runtime.Tests.Fixtures;
using CoProduce.Runtime.Tests.Grains;
using CoProduce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Runtime.Tests;

/// <summary>
/// The grain runtime's semantics, run against each storage provider by the subclasses at the end of
/// this file. Each test uses fresh grain keys, so tests share a database but never a grain.
/// </summary>
public abstract class GrainRuntimeTests(ITestDatabase database)
{
    protected ITestDatabase Database { get; } = database;

    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task GrainIsActivatedOnFirstCallOncePerKey()
    {
        await using var silo = await TestSilo.StartAsync(Database);
        var key = NewKey();
        var counter = silo.Grains.GetGrain<ICounterGrain>(key);
        Assert.Equal(1, await counter.Increment());
        Assert.Equal(2, await silo.Grains.GetGrain<ICounterGrain>(key).Increment());
        Assert.Equal(1, silo.Probe.Count($"activated:{key}"));

        var id = Guid.NewGuid();
        Assert.Equal(id, await silo.Grains.GetGrain<IGuidKeyGrain>(id).Key());
        Assert.Equal(-42L, await silo.Grains.GetGrain<ILongKeyGrain>(-42).Key());
    }

    [Fact]
    public async Task RequestsTakeTurnsAcrossAwaits()
    {
        await using var silo = await TestSilo.StartAsync(Database);
        var grain = silo.Grains.GetGrain<ITurnGrain>(NewKey());
        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(grain.Work)));
        var (requests, threads) = await grain.Peaks();
        Assert.Equal(1, requests);
        Assert.Equal(1, threads);
    }

    [Fact]
    public async Task ReentrantGrainInterleavesAtAwaitsButNeverRunsOnTwoThreads()
    {
        await using var silo = await TestSilo.StartAsync(Database);
        var key = NewKey();
        var grain = silo.Grains.GetGrain<IReentrantTurnGrain>(key);
        var first = grain.Hold("first");
        await silo.Probe.WhenSignalled($"entered:{key}:first");
        var second = grain.Hold("second");
        await silo.Probe.WhenSignalled($"entered:{key}:second");
        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(grain.Work)));
        silo.Probe.Signal($"release:{key}:first");
        silo.Probe.Signal($"release:{key}:second");
        await Task.WhenAll(first, second);
        var (requests, threads) = await grain.Peaks();
        Assert.True(requests >= 2, $"expected interleaving, saw at most {requests} request(s) at once");
        Assert.Equal(1, threads);
    }

    [Fact]
    public async Task AlwaysInterleaveMethodAnswersWhileAnotherRequestHoldsTheTurn()
    {
        await using var silo = await TestSilo.StartAsync(Database);
        var key = NewKey();
        var grain = silo.Grains.GetGrain<ITurnGrain>(key);
        var holding = grain.Hold("long");
        await silo.Probe.WhenSignalled($"entered:{key}:long");
        Assert.Equal("pong", await grain.Ping());
        Assert.False(holding.IsCompleted);
        silo.Probe.Signal($"release:{key}:long");
        await holding;
    }

    [Fact]
    public async Task ReadOnlyCallsShareTheTurnWithEachOther()
    {
        await using var silo = await TestSilo.StartAsync(Database);
        var key = NewKey();
        var grain = silo.Grains.GetGrain<ITurnGrain>(key);
        var first = grain.HoldReading("r1");
        await silo.Probe.WhenSignalled($"entered:{key}:r1");
        var second = grain.HoldReading("r2");
        await silo.Probe.WhenSignalled($"entered:{key}:r2");
        silo.Probe.Signal($"release:{key}:r1");
        silo.Probe.Signal($"release:{key}:r2");
        await Task.WhenAll(first, second);
        Assert.Equal(2, (await grain.Peaks()).Requests);
    }

    [Fact]
    public async Task CallCycleBetweenNonReentrantGrainsTimesOutNamingTheGrains()
    {
        await using var silo = await TestSilo.StartAsync(Database, settings: new Dictionary<string, string?>
        {
            ["CoProduce:Runtime:ResponseTimeout"] = "00:00:01",
        });
        var (a, b) = ("a" + NewKey(), "b" + NewKey());
        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(
            () => silo.Grains.GetGrain<IRelayGrain>(a).Relay([b, a]));
        Assert.Contains($"relay/{a}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"relay/{b}", error.Message, StringComparison.Ordinal);

        // Without a cycle the same grains answer.
        Assert.Equal(a, await silo.Grains.GetGrain<IRelayGrain>(b).Relay([a]));
    }

    [Fact]
    public async Task GrainExceptionsReachTheCallerAsThrown()
    {
        await using var silo = await TestSilo.StartAsync(Database);
        var grain = silo.Grains.GetGrain<IFailingGrain>(NewKey());
        var late = await Assert.ThrowsAsync<GrainRuleBrokenException>(() => grain.ThrowAfterAwait("after an await"));
        Assert.Equal("after an await", late.Message);
        var early = await Assert.ThrowsAsync<GrainRuleBrokenException>(() => grain.ThrowAtOnce("at once"));
        Assert.Equal("at once", early.Message);
        Assert.Equal(0, await grain.Read());
    }

    [Fact]
    public async Task FailedStateReadFailsThatCallAndTheNextCallTriesAgain()
    {
        FlakyStorage? flaky = null;
        await using var silo = await TestSilo.StartAsync(Database, decorateStorage: inner => flaky = new FlakyStorage(inner));
        var grain = silo.Grains.GetGrain<IFailingGrain>(NewKey());
        flaky!.FailNextRead = true;
        var error = await Assert.ThrowsAsync<IOException>(grain.Read);
        Assert.Equal(FlakyStorage.Message, error.Message);
        Assert.Equal(0, await grain.Read());
    }

    [Fact]
    public async Task AChangeWhoseWriteFailedIsNeverStoredLater()
    {
        FlakyStorage? flaky = null;
        await using var silo = await TestSilo.StartAsync(Database, decorateStorage: inner => flaky = new FlakyStorage(inner));
        var counter = silo.Grains.GetGrain<ICounterGrain>(NewKey());
        Assert.Equal(1, await counter.Increment());

        // The caller is told its increment failed, so a retry must not count it twice.
        flaky!.FailNextWrite = true;
        var error = await Assert.ThrowsAsync<IOException>(counter.Increment);
        Assert.Equal(FlakyStorage.Message, error.Message);
        Assert.Equal(1, await counter.Value());
        Assert.Equal(2, await counter.Increment());
        Assert.Equal(2, await counter.Value());
    }

    [Fact]
    public async Task IdleActivationIsCollectedAndComesBackWithItsState()
    {
        await using var silo = await TestSilo.StartAsync(Database, settings: new Dictionary<string, string?>
        {
            ["CoProduce:Runtime:CollectionAge"] = "00:00:00.300",
        });
        var key = NewKey();
        var counter = silo.Grains.GetGrain<ICounterGrain>(key);
        await counter.Increment();
        await counter.Increment();
        var reason = await silo.Probe.WhenSignalled($"deactivated:{key}");
        Assert.Equal(DeactivationReason.IdleCollected, reason);
        Assert.Equal(2, await counter.Value());
        Assert.Equal(2, silo.Probe.Count($"activated:{key}"));
    }

    [Fact]
    public async Task ActivationIsNotCollectedBeforeItsAge()
    {
        await using var silo = await TestSilo.StartAsync(Database);
        var key = NewKey();
        var counter = silo.Grains.GetGrain<ICounterGrain>(key);
        await counter.Increment();

        // The collector has run many times (quantum 100 ms); the default 15-minute age keeps the activation.
        var runtime = (Activations.GrainRuntime)silo.Grains;
        Assert.Equal(0, runtime.CollectIdle(TimeSpan.FromMinutes(15)));
        await counter.Increment();
        Assert.Equal(1, silo.Probe.Count($"activated:{key}"));
    }

    [Fact]
    public async Task GracefulShutdownDeactivatesEveryGrainAndFlushesItsState()
    {
        var key = NewKey();
        await using (var first = await TestSilo.StartAsync(Database))
        {
            var grain = first.Grains.GetGrain<IFlushingGrain>(key);
            await grain.Add(5);
            await grain.Add(7);
            Assert.Equal(0, await grain.Stored());
            await first.StopAsync();
        }

        await using var second = await TestSilo.StartAsync(Database);
        Assert.Equal(12, await second.Grains.GetGrain<IFlushingGrain>(key).Stored());
    }

    [Fact]
    public async Task PersistentStateTracksEtagAndRecordExistence()
    {
        await using var silo = await TestSilo.StartAsync(Database);
        var counter = silo.Grains.GetGrain<ICounterGrain>(NewKey());
        Assert.False(await counter.RecordExists());
        Assert.Null(await counter.GetEtag());
        await counter.Increment();
        var first = await counter.GetEtag();
        Assert.True(await counter.RecordExists());
        await counter.Increment();
        var second = await counter.GetEtag();
        Assert.NotNull(first);
        Assert.NotEqual(first, second);
        await counter.Clear();
        Assert.False(await counter.RecordExists());
        Assert.Equal(0, await counter.Value());
        Assert.NotEqual(second, await counter.GetEtag());
        Assert.Equal(1, await counter.Increment());
    }

    [Fact]
    public async Task StaleEtagWriteFailsAndOverwritesNothing()
    {
        var key = NewKey();
        await using var one = await TestSilo.StartAsync(Database);
        await using var two = await TestSilo.StartAsync(Database);
        var onOne = one.Grains.GetGrain<ICounterGrain>(key);
        var onTwo = two.Grains.GetGrain<ICounterGrain>(key);
        Assert.Equal(0, await onOne.Value());
        Assert.Equal(0, await onTwo.Value());

        Assert.Equal(1, await onOne.Increment());
        Assert.Equal(2, await onOne.Increment());
        await Assert.ThrowsAsync<InconsistentStateException>(onTwo.Increment);

        // The refused write overwrote nothing, and silo two reads afresh on its next call.
        await using var three = await TestSilo.StartAsync(Database);
        Assert.Equal(2, await three.Grains.GetGrain<ICounterGrain>(key).Value());
        Assert.Equal(3, await onTwo.Increment());
    }

    [Fact]
    public async Task StaleWriteAfterClearIsRefused()
    {
        var key = NewKey();
        await using var one = await TestSilo.StartAsync(Database);
        await using var two = await TestSilo.StartAsync(Database);
        var onOne = one.Grains.GetGrain<ICounterGrain>(key);
        var onTwo = two.Grains.GetGrain<ICounterGrain>(key);
        await onOne.Increment();
        Assert.Equal(1, await onTwo.Value());
        await onOne.Clear();
        await onOne.Increment();
        await Assert.ThrowsAsync<InconsistentStateException>(onTwo.Increment);
    }

    [Fact]
    public async Task TimerTicksNeverOverlapAndStopWithTheActivation()
    {
        await using var silo = await TestSilo.StartAsync(Database);
        var key = NewKey();
        var grain = silo.Grains.GetGrain<ITimerGrain>(key);
        await grain.Start(ticksToSignal: 5);
        var token = (CancellationToken)(await silo.Probe.WhenSignalled($"ticks:{key}"))!;
        Assert.Equal(1, await grain.PeakOverlap());
        Assert.False(token.IsCancellationRequested);
        await grain.Deactivate();
        await silo.Probe.WhenSignalled($"deactivated:{key}");
        Assert.True(token.IsCancellationRequested);
    }

    [Fact]
    public async Task ReminderRegisteredBeforeAStopFiresAfterANewHostStarts()
    {
        var key = NewKey();
        await using (var first = await TestSilo.StartAsync(Database, settings: new Dictionary<string, string?>
        {
            // This host never scans, so only the next host can fire the reminder.
            ["CoProduce:Reminders:PollInterval"] = "01:00:00",
        }))
        {
            await first.Grains.GetGrain<IReminderGrain>(key).Remind("review", TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(5));
        }

        await using var second = await TestSilo.StartAsync(Database);
        var tick = (Reminders.ReminderTick)(await second.Probe.WhenSignalled($"reminded:{key}:review"))!;
        Assert.Equal(TimeSpan.FromMinutes(5), tick.Period);
        Assert.Equal(1, second.Probe.Count($"reminded:{key}:review"));
        Assert.True(await second.Grains.GetGrain<IReminderGrain>(key).Forget("review"));
    }

    [Fact]
    public async Task ReminderPeriodBelowTheMinimumIsRefused()
    {
        await using var silo = await TestSilo.StartAsync(Database);
        var grain = silo.Grains.GetGrain<IReminderGrain>(NewKey());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.Remind("too-often", TimeSpan.Zero, TimeSpan.FromMilliseconds(10)));
    }

    [Fact]
    public async Task CommittedEventsAreJournalledAndPublishedInOrder()
    {
        await using var silo = await TestSilo.StartAsync(Database);
        var key = NewKey();
        var grain = silo.Grains.GetGrain<IJournalGrain>(key);
        var stream = silo.Services.GetRequiredService<Events.IGrainEventStream>();
        var id = new GrainId("journal", key);
        var received = new List<Events.GrainEvent>();
        var gotThree = new TaskCompletionSource();
        using var subscription = stream.Subscribe(id, (e, _) =>
        {
            received.Add(e);
            if (received.Count == 3)
            {
                gotThree.SetResult();
            }

            return ValueTask.CompletedTask;
        });

        await grain.Add("one");
        await Assert.ThrowsAsync<GrainRuleBrokenException>(() => grain.AddThenFail("never"));
        await grain.Add("two");
        await grain.ClearAll();
        await gotThree.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([1L, 2L, 3L], received.Select(e => e.Sequence));
        Assert.Equal(["NoteAdded", "NoteAdded", "NotesCleared"], received.Select(e => e.Type));
        Assert.DoesNotContain(received, e => e.Json.Contains("never", StringComparison.Ordinal));
        var caughtUp = await stream.ReadAsync(id, afterSequence: 1, limit: 10);
        Assert.Equal([2L, 3L], caughtUp.Select(e => e.Sequence));
        Assert.Contains("two", caughtUp[0].Json, StringComparison.Ordinal);
        Assert.Equal(["one", "two"], await grain.Notes());
    }

    [Fact]
    public async Task TwoSilosIncrementOneCounterToExactlyOneThousand()
    {
        var key = NewKey();
        await using var one = await TestSilo.StartAsync(Database);
        await using var two = await TestSilo.StartAsync(Database);
        var conflicts = 0;
        async Task IncrementWithRetry(ICounterGrain counter)
        {
            while (true)
            {
                try
                {
                    await counter.Increment();
                    return;
                }
                catch (InconsistentStateException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        }

        var onOne = one.Grains.GetGrain<ICounterGrain>(key);
        var onTwo = two.Grains.GetGrain<ICounterGrain>(key);
        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 125; i++)
            {
                await IncrementWithRetry(w % 2 == 0 ? onOne : onTwo);
            }
        }));
        await Task.WhenAll(workers);

        await using var reader = await TestSilo.StartAsync(Database);
        Assert.Equal(1000, await reader.Grains.GetGrain<ICounterGrain>(key).Value());
    }
}

public sealed class SqliteGrainRuntimeTests(SqliteDatabase database) : GrainRuntimeTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresGrainRuntimeTests(PostgresDatabase database) : GrainRuntimeTests(database), IClassFixture<PostgresDatabase>;
