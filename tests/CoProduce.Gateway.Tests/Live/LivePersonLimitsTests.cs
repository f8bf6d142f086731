using System.Diagnostics;
using CoProduce.Grains.Live;
using CoProduce.Live;
using CoProduce.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoProduce.Gateway.Tests.Live;

/// <summary>
/// Limits belong to the person, not the connection: more connections buy no more calls, no more room, and no
/// more of everyone's attention (pushes caused by hands and pace signals).
/// </summary>
public abstract class LivePersonLimitsTests(ITestDatabase database)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task OnePersonCannotHoldMoreConnectionsThanTheCap()
    {
        await using var world = await LiveWorld.Create(database, new Dictionary<string, string?> { ["CoProduce:Live:ConnectionsPerPerson"] = "3" });
        var held = new List<HubConnection>();
        for (var i = 0; i < 3; i++)
        {
            var connection = await world.Connect(world.People.Observer);
            await connection.InvokeAsync<JoinResult>("Join", new JoinRequest(world.ProjectId));
            held.Add(connection);
        }

        var extra = world.Unstarted(world.App.TokenFor(world.People.Observer));
        var closed = LiveWorld.ClosedOf(extra);
        await StartOrRefused(extra);
        var error = await closed.WaitAsync(Within);
        Assert.Contains("RateLimited", error?.Message, StringComparison.Ordinal);
        Assert.All(held, c => Assert.Equal(HubConnectionState.Connected, c.State));

        // The cap is the person's: someone else connects as usual, and once one of the three closes, the person may open another.
        var other = await world.Join(world.People.Contributor);
        Assert.Equal(HubConnectionState.Connected, other.Connection.State);
        await held[0].DisposeAsync();
        var admitted = await Eventually(async () =>
        {
            var again = await world.Connect(world.People.Observer);
            try
            {
                await again.InvokeAsync<JoinResult>("Join", new JoinRequest(world.ProjectId));
                return true;
            }
            catch (Exception e) when (e is HubException or InvalidOperationException or OperationCanceledException)
            {
                return false;
            }
        });
        Assert.True(admitted);
    }

    [Fact]
    public async Task ConnectionsOfOnePersonShareOneCallBudget()
    {
        await using var world = await LiveWorld.Create(database, new Dictionary<string, string?>
        {
            ["CoProduce:Live:CallBurst"] = "5",
            ["CoProduce:Live:CallsPerSecond"] = "0.001",
        });

        // Three connections of one person: three joins and two more calls spend the burst of five between them.
        var sessions = new[]
        {
            await world.Join(world.People.Contributor), await world.Join(world.People.Contributor), await world.Join(world.People.Contributor),
        };
        await sessions[0].Hub.SpeakingTime(world.ProjectId);
        await sessions[1].Hub.SpeakingTime(world.ProjectId);
        await LiveAssert.Refused("RateLimited", () => sessions[2].Hub.SpeakingTime(world.ProjectId));
        await LiveAssert.Refused("RateLimited", () => sessions[0].Hub.RaiseHand(world.ProjectId));

        // Someone else is not affected.
        var other = await world.Join(world.People.SecondContributor);
        await other.Hub.RaiseHand(world.ProjectId);
        await world.Log(other).Next<HandRaised>(h => h.PersonId == world.People.SecondContributor);
        Assert.DoesNotContain(world.Log(other).All<HandRaised>(), h => h.PersonId == world.People.Contributor);
    }

    [Fact]
    public async Task ABurstOfPaceSignalsFromOnePersonPushesOncePerKindAndCountsThemOnce()
    {
        await using var world = await LiveWorld.Create(database, Generous);
        var facilitator = await world.Join(world.People.Facilitator);
        var watcher = await world.Join(world.People.SecondContributor);
        var burst = new List<Client.Live.LiveSession>();
        for (var i = 0; i < 8; i++)
        {
            burst.Add(await world.Join(world.People.Observer));
        }

        // 8 connections x 25 signals of each of two kinds, all at once, some anonymous.
        await Task.WhenAll(burst.SelectMany((s, i) => Enumerable.Range(0, 25).SelectMany(n => new[]
        {
            s.Hub.SignalPace(new PaceRequest(world.ProjectId, PaceKind.SlowDown, Anonymous: n % 2 == 0)),
            s.Hub.SignalPace(new PaceRequest(world.ProjectId, PaceKind.DontUnderstand, Anonymous: i % 2 == 0)),
        })));
        await watcher.Hub.SignalPace(new PaceRequest(world.ProjectId, PaceKind.SlowDown, Anonymous: false));

        // Pushes arrive in order: once the watcher's signal is in, every push the burst caused is too.
        var last = await world.Log(facilitator).NextMessage<PaceSignalled>(p => p.PersonId == world.People.SecondContributor);
        Assert.Equal(new PaceCounts(2, 0, 1), ((PaceSignalled)last.Event).Counts);
        Assert.Equal(3, world.Log(facilitator).All<PaceSignalled>().Count);
        await world.Log(watcher).Reaches(last.Sequence);
        Assert.Equal(3, world.Log(watcher).All<PaceSignalled>().Count);
        var journal = await Scenario.Journal(world.App, "projectlive", world.ProjectId);
        Assert.Equal(3, journal.Count(e => e.Body.GetProperty("event").GetProperty("type").GetString() == "paceSignalled"));
        Assert.Equal(new PaceCounts(2, 0, 1), (await world.Join(world.People.StaffFacilitator)).Joined!.Snapshot.Pace);

        // Once a facilitator clears the counts, a signal counts again.
        await facilitator.Hub.ClearPace(world.ProjectId);
        await burst[3].Hub.SignalPace(new PaceRequest(world.ProjectId, PaceKind.SlowDown, Anonymous: true));
        var after = await world.Log(facilitator).Next<PaceSignalled>(p => p.Counts == new PaceCounts(1, 0, 0));
        Assert.Null(after.PersonId);
    }

    [Fact]
    public async Task RaisingAndLoweringAHandOverAndOverIsBudgetedPerPersonAcrossConnections()
    {
        await using var world = await LiveWorld.Create(database, Generous);
        var facilitator = await world.Join(world.People.Facilitator);
        var connections = new List<Client.Live.LiveSession>();
        for (var i = 0; i < 4; i++)
        {
            connections.Add(await world.Join(world.People.Observer));
        }

        var clock = Stopwatch.StartNew();
        var refused = 0;
        for (var i = 0; i < 40; i++)
        {
            var hub = connections[i % connections.Count].Hub;
            try
            {
                await hub.RaiseHand(world.ProjectId);
            }
            catch (HubException)
            {
                refused++;
            }

            await hub.LowerHand(world.ProjectId);
        }

        var elapsed = clock.Elapsed;
        Assert.True(refused > 0);

        // Someone else is heard as usual, and after their hand every push of the observer's has arrived.
        var contributor = await world.Join(world.People.Contributor);
        await contributor.Hub.RaiseHand(world.ProjectId);
        await world.Log(facilitator).Next<HandRaised>(h => h.PersonId == world.People.Contributor);
        var raised = world.Log(facilitator).All<HandRaised>().Count(h => h.PersonId == world.People.Observer);
        var allowed = ProjectLiveGrain.PersonBroadcastBurst + (int)Math.Ceiling(elapsed.TotalMinutes * ProjectLiveGrain.PersonBroadcastsPerMinute) + 1;
        Assert.InRange(raised, 1, allowed);
        Assert.Equal(40 - refused, raised);
    }

    private static readonly Dictionary<string, string?> Generous = new()
    {
        ["CoProduce:Live:CallBurst"] = "1000",
        ["CoProduce:Live:CallsPerSecond"] = "1000",
        ["CoProduce:Live:ConnectionsPerPerson"] = "20",
    };

    private static async Task StartOrRefused(HubConnection connection)
    {
        try
        {
            await connection.StartAsync();
        }
        catch (Exception e) when (e is HubException or InvalidOperationException or OperationCanceledException or IOException)
        {
            // Refused during the handshake: the closed event says why.
        }
    }

    /// <summary>Tries <paramref name="attempt"/> until it succeeds, for up to 20 seconds.</summary>
    private static async Task<bool> Eventually(Func<Task<bool>> attempt)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < Within)
        {
            if (await attempt())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}

public sealed class SqliteLivePersonLimitsTests(SqliteDatabase database) : LivePersonLimitsTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresLivePersonLimitsTests(PostgresDatabase database) : LivePersonLimitsTests(database), IClassFixture<PostgresDatabase>;
