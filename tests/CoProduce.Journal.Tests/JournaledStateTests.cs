using System.Collections.Concurrent;
using CoProduce.Journal.Events;
using CoProduce.Journal.State;
using CoProduce.Journal.Storage;
using CoProduce.Journal.Tests.Fixtures;
using CoProduce.Journal.Tests.Grains;
using CoProduce.Testing;

namespace CoProduce.Journal.Tests;

/// <summary>The [JournaledState] facet on a cluster of two silos: atomic state and events, stale copies, faults, group commit, the event stream.</summary>
public abstract class JournaledStateTests(ITestDatabase database) : IAsyncLifetime
{
    private JournalCluster? Started { get; set; }

    private JournalDatabase? Opened { get; set; }

    private JournalCluster Cluster => Started ?? throw new InvalidOperationException("The cluster has not started.");

    private JournalDatabase Stored => Opened ?? throw new InvalidOperationException("The cluster has not started.");

    public async Task InitializeAsync()
    {
        Started = await JournalCluster.StartAsync(database);
        Opened = new JournalDatabase(database);
    }

    public async Task DisposeAsync()
    {
        if (Opened is not null)
        {
            await Opened.DisposeAsync();
        }

        if (Started is not null)
        {
            await Started.DisposeAsync();
        }

        (database as IDisposable)?.Dispose();
    }

    [Fact]
    public async Task StateIsReadBeforeActivationAndSurvivesDeactivationAndRestart()
    {
        var id = Guid.NewGuid();
        await Cluster.Client.GetGrain<ICounterGrain>(id).Add(3);
        var before = await Cluster.Client.GetGrain<ICounterGrain>(id).Get();
        await Cluster.Client.GetGrain<ICounterGrain>(id).Deactivate();

        var reactivated = await Cluster.Client.GetGrain<ICounterGrain>(id).Get();
        Assert.NotEqual(before.Activation, reactivated.Activation);
        Assert.Equal((3, 3, true), (reactivated.Total, reactivated.TotalAtActivation, reactivated.RecordExists));

        await Cluster.DisposeAsync();
        Started = await JournalCluster.StartAsync(database);
        var restarted = await Cluster.Client.GetGrain<ICounterGrain>(id).Get();
        Assert.Equal((3, 3, before.Etag), (restarted.Total, restarted.TotalAtActivation, restarted.Etag));
    }

    [Fact]
    public async Task WhenTheJournalRefusesAnEventNeitherStateNorEventsAreWrittenAndTheGrainReloads()
    {
        await Stored.RefusePoisonEventsAsync();
        var id = Guid.NewGuid();
        var counter = Cluster.Client.GetGrain<ICounterGrain>(id);
        await counter.Add(2);
        var before = await counter.Get();

        await Assert.ThrowsAnyAsync<Exception>(() => counter.Add(5, poison: true));

        var stored = await Stored.ReadStateAsync(Counter(id), "counter");
        Assert.Equal(before.Etag, stored?.Etag);
        Assert.Equal(2, Total(stored));
        Assert.Equal([1, 2], await Stored.JournalSequencesAsync(Counter(id)));

        var after = await counter.Get();
        Assert.NotEqual(before.Activation, after.Activation);
        Assert.Equal(2, after.Total);

        // The journal goes on from where it was: no gap where the refused events would have been.
        Assert.Equal(3, await counter.Add(1));
        Assert.Equal([1, 2, 3], await Stored.JournalSequencesAsync(Counter(id)));
    }

    [Fact]
    public async Task AWriteFromAStaleCopyThrowsInconsistentStateWritesNothingAndTheGrainReloads()
    {
        var id = Guid.NewGuid();
        var counter = Cluster.Client.GetGrain<ICounterGrain>(id);
        await counter.Add(1);
        var before = await counter.Get();
        await Stored.WriteBehindTheGrainsBackAsync(Counter(id), "counter");

        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(() => counter.Add(1));

        var stored = await Stored.ReadStateAsync(Counter(id), "counter");
        Assert.Equal(("2", 1), (stored?.Etag, Total(stored)));
        Assert.Equal([1], await Stored.JournalSequencesAsync(Counter(id)));

        var after = await counter.Get();
        Assert.NotEqual(before.Activation, after.Activation);
        Assert.Equal(("2", 1), (after.Etag, after.Total));
        Assert.Equal(2, await counter.Add(1));
    }

    [Fact]
    public async Task AStorageFaultSurfacesAsRetryableAndTheNextCallReadsTheStoredState()
    {
        var id = Guid.NewGuid();
        var counter = Cluster.Client.GetGrain<ICounterGrain>(id);
        await counter.Add(1);
        var before = await counter.Get();
        foreach (var storage in Cluster.Storages)
        {
            storage.FailNextWrite(new TimeoutException("The database did not answer (injected)."));
        }

        var failure = await Assert.ThrowsAsync<StorageUnavailableException>(() => counter.Add(1));
        foreach (var storage in Cluster.Storages)
        {
            storage.FailNextWrite(null);
        }

        Assert.True(StorageFailures.IsTransient(failure));
        Assert.False(StorageFailures.IsFullOrReadOnly(failure));

        // Orleans keeps an activation after a non-conflict failure; the journal's filter must not.
        var after = await counter.Get();
        Assert.NotEqual(before.Activation, after.Activation);
        Assert.Equal((1, before.Etag), (after.Total, after.Etag));
    }

    [Fact]
    public async Task ADatabaseRestartWhileAGrainActivatesReachesTheCallerAsRetryableAndTheNextCallActivatesIt()
    {
        var id = Guid.NewGuid();
        var counter = Cluster.Client.GetGrain<ICounterGrain>(id);
        await counter.Add(2);
        await counter.Deactivate();
        foreach (var storage in Cluster.Storages)
        {
            storage.FailNextRead(new Npgsql.PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"));
        }

        // The client is outside the silos: what it catches crossed the wire, as a failed activation's answer does between silos.
        var failure = await Assert.ThrowsAsync<StorageUnavailableException>(() => counter.Get());
        foreach (var storage in Cluster.Storages)
        {
            storage.FailNextRead(null);
        }

        Assert.True(StorageFailures.IsTransient(failure));
        Assert.False(StorageFailures.IsFullOrReadOnly(failure));
        Assert.Equal(2, (await counter.Get()).Total);
    }

    [Fact]
    public async Task ClearingLeavesAVersionedTombstoneSoAStaleCopyCannotWriteAfterIt()
    {
        var id = Guid.NewGuid();
        var counter = Cluster.Client.GetGrain<ICounterGrain>(id);
        await counter.Add(2);

        await counter.Clear();

        var cleared = await counter.Get();
        Assert.Equal((0, false, "2"), (cleared.Total, cleared.RecordExists, cleared.Etag));
        var stored = await Stored.ReadStateAsync(Counter(id), "counter");
        Assert.Equal(("2", null), (stored?.Etag, stored?.Json));
        await counter.Deactivate();
        var reread = await counter.Get();
        Assert.Equal((0, false, "2"), (reread.Total, reread.RecordExists, reread.Etag));
        Assert.Equal(1, await counter.Add(1));
    }

    [Fact]
    public async Task ALargeStateIsWrittenAndReadBackWhole()
    {
        var id = Guid.NewGuid();
        var counter = Cluster.Client.GetGrain<ICounterGrain>(id);
        string[] texts = [new('a', 20_000), new('b', 20_000), "c"];
        foreach (var text in texts)
        {
            await counter.Remember(text);
        }

        await counter.Deactivate();

        Assert.Equal(texts, await counter.Remembered());
    }

    [Fact]
    public async Task EventsRaisedByAFailedCallAreDropped()
    {
        var id = Guid.NewGuid();
        var counter = Cluster.Client.GetGrain<ICounterGrain>(id);
        await Assert.ThrowsAsync<InvalidOperationException>(() => counter.RaiseThenFail());

        await counter.Note("kept");

        var journal = await Cluster.EventStreams[0].ReadAsync(Counter(id), 0, 10);
        var only = Assert.Single(journal);
        Assert.Equal((1, nameof(Noted)), (only.Sequence, only.Type));
        Assert.Contains("kept", only.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentCoalescedWritesAreAllDurableWithFewerWritesThanCalls()
    {
        const int Calls = 100;
        var tally = Cluster.Client.GetGrain<ITallyGrain>($"tally-{Guid.NewGuid():N}");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var storage in Cluster.Storages)
        {
            storage.Gate = gate;
        }

        try
        {
            var first = tally.Increment();
            await Task.WhenAny(Cluster.Storages.Select(s => s.WriteHeld.Task)).Unwrap().WaitAsync(TimeSpan.FromSeconds(30));
            var rest = Enumerable.Range(1, Calls - 1).Select(_ => tally.Increment()).ToList();

            // Every increment changes the state while the first write is held; none is acknowledged yet.
            var total = 0;
            await Eventually.HoldsAsync(() => (total = tally.Total().Result) == Calls, $"all {Calls} increments ran (saw {total})");
            Assert.False(first.IsCompleted);
            Assert.DoesNotContain(rest, t => t.IsCompleted);

            gate.SetResult();
            await first;
            await Task.WhenAll(rest);
        }
        finally
        {
            gate.TrySetResult();
        }

        Assert.Equal(2, Cluster.StateWrites);
        var source = new JournalId("tally", tally.GetPrimaryKeyString());
        var stored = await Stored.ReadStateAsync(source, "tally");
        Assert.Equal(Calls, Total(stored));
        Assert.Equal(Enumerable.Range(1, Calls).Select(i => (long)i), await Stored.JournalSequencesAsync(source));
    }

    [Fact]
    public async Task EventsReachSubscribersInOrderAndOnlyAfterTheirCommit()
    {
        var id = Guid.NewGuid();
        var counter = Cluster.Client.GetGrain<ICounterGrain>(id);
        var byGrain = new ConcurrentQueue<GrainEvent>();
        var byType = new ConcurrentQueue<GrainEvent>();
        var subscriptions = Cluster.EventStreams
            .SelectMany(stream => new[]
            {
                stream.Subscribe(Counter(id), (e, _) => Collect(byGrain, e)),
                stream.SubscribeType("counter", (e, _) => e.Grain == Counter(id) ? Collect(byType, e) : ValueTask.CompletedTask),
            })
            .ToList();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var storage in Cluster.Storages)
        {
            storage.Gate = gate;
        }

        try
        {
            var adding = counter.Add(3);
            await Task.WhenAny(Cluster.Storages.Select(s => s.WriteHeld.Task)).Unwrap().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Empty(byGrain);
            Assert.Empty(byType);

            gate.SetResult();
            await adding;
            await Eventually.HoldsAsync(() => byGrain.Count == 3 && byType.Count == 3, "three events were delivered to each subscriber");
            Assert.Equal([1, 2, 3], byGrain.Select(e => e.Sequence));
            Assert.Equal([1, 2, 3], byType.Select(e => e.Sequence));
            Assert.All(byGrain, e => Assert.Equal(nameof(Added), e.Type));
            Assert.Equal([1, 2, 3], await Stored.JournalSequencesAsync(Counter(id)));
        }
        finally
        {
            gate.TrySetResult();
            subscriptions.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task CatchUpAfterAGivenSequenceReturnsTheRestWithoutGaps()
    {
        var id = Guid.NewGuid();
        var counter = Cluster.Client.GetGrain<ICounterGrain>(id);
        await counter.Add(2);
        await counter.Note("a");
        await counter.Add(3);
        await counter.Note("b");
        var stream = Cluster.EventStreams[1];

        var rest = await stream.ReadAsync(Counter(id), afterSequence: 2, limit: 100);
        var page = await stream.ReadAsync(Counter(id), afterSequence: 0, limit: 3);
        var none = await stream.ReadAsync(Counter(id), afterSequence: 7, limit: 100);

        Assert.Equal([3, 4, 5, 6, 7], rest.Select(e => e.Sequence));
        Assert.Equal([nameof(Noted), nameof(Added), nameof(Added), nameof(Added), nameof(Noted)], rest.Select(e => e.Type));
        Assert.Equal([1, 2, 3], page.Select(e => e.Sequence));
        Assert.Empty(none);
        Assert.Equal(7, await counter.LastSequence());
    }

    private static JournalId Counter(Guid id) => new("counter", id.ToString("D"));

    private static int Total(StoredState? stored) =>
        new JsonStateSerializer().Deserialize<CounterState>(BinaryData.FromString(stored?.Json ?? "null")).Total;

    private static ValueTask Collect(ConcurrentQueue<GrainEvent> into, GrainEvent grainEvent)
    {
        into.Enqueue(grainEvent);
        return ValueTask.CompletedTask;
    }
}

public sealed class SqliteJournaledStateTests() : JournaledStateTests(new SqliteDatabase());

public sealed class PostgresJournaledStateTests() : JournaledStateTests(new PostgresDatabase());
