using CoProduce.Grains.Live;
using CoProduce.Live;
using CoProduce.Testing;

namespace CoProduce.Gateway.Tests.Live;

public abstract class LiveReconnectTests(ITestDatabase database)
{
    [Fact]
    public async Task AnEventReplayedFromTheJournalIsTheOneThatWasPushed()
    {
        await using var world = await LiveWorld.Create(database);
        var facilitator = await world.Join(world.People.Facilitator);
        var log = world.Log(facilitator);
        for (var i = 0; i < 5; i++)
        {
            await facilitator.Hub.ProposeItem(new ProposeItemRequest(world.ProjectId, $"Item {i}"));
        }

        var last = (await Scenario.Grains(world.App).GetGrain<IProjectLiveGrain>(world.ProjectId).Snapshot()).Sequence;
        await log.Reaches(last);

        // The same events again, this time read from the journal by a session joining from the start.
        var replaying = await world.Join(world.People.Contributor, after: 0);
        await world.Log(replaying).Reaches(last);
        var pushed = log.Messages.Where(m => m.Sequence <= last).ToDictionary(m => m.Sequence, m => m.At);
        var replayed = world.Log(replaying).Messages.Where(m => pushed.ContainsKey(m.Sequence)).ToDictionary(m => m.Sequence, m => m.At);
        Assert.Equal(pushed.Count, replayed.Count);
        Assert.All(pushed, p => Assert.Equal(p.Value, replayed[p.Key]));
    }

    [Fact]
    public async Task ConnectionsCutMidStreamCatchUpWithNoGapAndNoDuplicate()
    {
        await using var world = await LiveWorld.Create(database, new Dictionary<string, string?> { ["CoProduce:Live:CallBurst"] = "1000" });
        await using var line = new TcpProxy("127.0.0.1", world.Address.Port);
        var facilitator = await world.Join(world.People.Facilitator);
        var watcher = await world.Join(new Uri($"http://127.0.0.1:{line.Port}"), world.People.Contributor);
        var received = new List<long>();
        watcher.Received += m =>
        {
            lock (received)
            {
                received.Add(m.Sequence);
            }
        };
        var first = watcher.LastSequence;

        // Events keep coming from elsewhere while the watcher's line is cut three times: the facilitator takes the
        // floor again and again (each time a turn ends and one starts; pace signals would count once per person).
        var floor = new GiveFloorRequest(world.ProjectId, world.People.Facilitator);
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < 60; i++)
            {
                await facilitator.Hub.GiveFloor(floor);
            }
        });
        var live = Scenario.Grains(world.App).GetGrain<IProjectLiveGrain>(world.ProjectId);
        for (var cut = 0; cut < 3; cut++)
        {
            line.Cut();
            await facilitator.Hub.GiveFloor(floor);
            var duringCut = (await live.Snapshot()).Sequence;
            line.Restore();

            // Only a reconnected, rejoined session can receive what was journalled while it was cut off.
            await world.Log(watcher).Reaches(duringCut);
        }

        await sending;
        var last = (await live.Snapshot()).Sequence;
        await world.Log(watcher).Reaches(last);
        Assert.True(watcher.Rejoins >= 3, $"rejoined {watcher.Rejoins} times");
        long[] seen;
        lock (received)
        {
            seen = [.. received.Where(s => s <= last)];
        }

        Assert.Equal(Enumerable.Range((int)first + 1, (int)(last - first)).Select(i => (long)i), seen);
        var journal = await Scenario.Journal(world.App, "projectlive", world.ProjectId);
        Assert.Equal(63, journal.Count(e => e.Body.GetProperty("event").GetProperty("type").GetString() == "floorGiven"));
    }

    [Fact]
    public async Task ANewSessionResumingFromASequenceGetsExactlyWhatFollowed()
    {
        await using var world = await LiveWorld.Create(database);
        var facilitator = await world.Join(world.People.Facilitator);
        var mark = facilitator.LastSequence;
        for (var i = 0; i < 5; i++)
        {
            await facilitator.Hub.RaiseHand(world.ProjectId);
            await facilitator.Hub.LowerHand(world.ProjectId);
        }

        var resumed = await world.Join(world.People.Observer, after: mark);
        var log = world.Log(resumed);
        var own = await log.NextMessage<PersonJoined>(p => p.PersonId == world.People.Observer);
        Assert.Equal(Enumerable.Range((int)mark + 1, (int)(own.Sequence - mark)).Select(i => (long)i), log.Messages.Select(m => m.Sequence).TakeWhile(s => s <= own.Sequence));
        Assert.Equal(5, log.All<HandRaised>().Count);
    }
}

public sealed class SqliteLiveReconnectTests(SqliteDatabase database) : LiveReconnectTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresLiveReconnectTests(PostgresDatabase database) : LiveReconnectTests(database), IClassFixture<PostgresDatabase>;
