using CoProduce.Live;
using CoProduce.Testing;

namespace CoProduce.Gateway.Tests.Live;

public abstract class LiveTurnsAndPaceTests(ITestDatabase database)
{
    [Fact]
    public async Task HandsQueueTheFacilitatorGivesTheFloorAndTurnsAreTimedByRole()
    {
        var clock = new ManualTimeProvider();
        await using var world = await LiveWorld.Create(database, clock: clock);
        var facilitator = await world.Join(world.People.Facilitator);
        var contributor = await world.Join(world.People.Contributor);
        var observer = await world.Join(world.People.Observer);
        var log = world.Log(observer);

        await contributor.Hub.RaiseHand(world.ProjectId);
        await observer.Hub.RaiseHand(world.ProjectId);
        Assert.Equal([world.People.Contributor, world.People.Observer], (await world.Join(world.People.SecondContributor)).Joined!.Snapshot.Queue.Select(h => h.PersonId));
        await LiveAssert.Refused("Forbidden", () => contributor.Hub.GiveFloor(new GiveFloorRequest(world.ProjectId, world.People.Contributor)));

        await facilitator.Hub.GiveFloor(new GiveFloorRequest(world.ProjectId, world.People.Contributor));
        clock.Advance(TimeSpan.FromSeconds(90));
        await facilitator.Hub.GiveFloor(new GiveFloorRequest(world.ProjectId, world.People.Observer));
        clock.Advance(TimeSpan.FromSeconds(30));
        await observer.Hub.EndTurn(world.ProjectId);
        await facilitator.Hub.GiveFloor(new GiveFloorRequest(world.ProjectId, world.People.Facilitator));
        clock.Advance(TimeSpan.FromSeconds(60));
        await LiveAssert.Refused("Forbidden", () => contributor.Hub.EndTurn(world.ProjectId));
        await facilitator.Hub.EndTurn(world.ProjectId);

        var ended = await log.Next<TurnEnded>(t => t.PersonId == world.People.Facilitator);
        Assert.Equal(60, ended.Seconds);
        Assert.Equal(
            [(world.People.Contributor, 90d), (world.People.Observer, 30d), (world.People.Facilitator, 60d)],
            log.All<TurnEnded>().Select(t => (t.PersonId, t.Seconds)));
        Assert.Equal(2, log.All<HandLowered>().Count);

        var report = await contributor.Hub.SpeakingTime(world.ProjectId);
        Assert.Equal(180, report.TotalSeconds);
        var byRole = report.Roles.ToDictionary(r => r.Role);
        Assert.Equal((90d, 0.5), (byRole[LiveRole.Contributor].Seconds, byRole[LiveRole.Contributor].Share));
        Assert.Equal(30, byRole[LiveRole.Observer].Seconds);
        Assert.Equal(60, byRole[LiveRole.Facilitator].Seconds);

        // The same turns, from the journal, in the power-balance report: each role's share of 180 seconds.
        var powerBalance = await (await world.App.CreateClient(world.People.Contributor).GetAsync($"/api/projects/{world.ProjectId}/power-balance")
            .Expect(System.Net.HttpStatusCode.OK)).Json();
        var speaking = powerBalance.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "speaking")
            .GetProperty("measures").EnumerateArray().ToDictionary(m => m.GetProperty("key").GetString()!, m => (m.GetProperty("total").GetDecimal(), m.GetProperty("count").GetInt32()));
        Assert.Equal((90m, 180), speaking["speaking.contributor-share"]);
        Assert.Equal((30m, 180), speaking["speaking.observer-share"]);
        Assert.Equal((60m, 180), speaking["speaking.facilitator-share"]);
        Assert.Equal((0m, 180), speaking["speaking.supporter-share"]);
    }

    [Fact]
    public async Task ASpeakerWhoLeavesEndsTheirTurnAndLeavesTheQueue()
    {
        var clock = new ManualTimeProvider();
        await using var world = await LiveWorld.Create(database, clock: clock);
        var facilitator = await world.Join(world.People.Facilitator);
        var log = world.Log(facilitator);
        var contributor = await world.Join(world.People.Contributor);
        var second = await world.Join(world.People.SecondContributor);
        await second.Hub.RaiseHand(world.ProjectId);
        await facilitator.Hub.GiveFloor(new GiveFloorRequest(world.ProjectId, world.People.Contributor));
        clock.Advance(TimeSpan.FromSeconds(45));

        await contributor.DisposeAsync();
        await second.DisposeAsync();
        Assert.Equal(45, (await log.Next<TurnEnded>()).Seconds);
        await log.Next<PersonLeft>(p => p.PersonId == world.People.SecondContributor);
        Assert.Single(log.All<HandLowered>(), h => h.PersonId == world.People.SecondContributor);
    }

    [Fact]
    public async Task PaceSignalsCountForFacilitatorsAndAnonymousOnesNameNobody()
    {
        await using var world = await LiveWorld.Create(database);
        var facilitator = await world.Join(world.People.Facilitator);
        var facilitatorLog = world.Log(facilitator);
        var contributor = await world.Join(world.People.Contributor);
        var contributorLog = world.Log(contributor);
        var second = await world.Join(world.People.SecondContributor);

        await contributor.Hub.SignalPace(new PaceRequest(world.ProjectId, PaceKind.DontUnderstand, Anonymous: true));
        await second.Hub.SignalPace(new PaceRequest(world.ProjectId, PaceKind.SlowDown, Anonymous: false));
        await second.Hub.SignalPace(new PaceRequest(world.ProjectId, PaceKind.DontUnderstand, Anonymous: false));

        var last = await facilitatorLog.Next<PaceSignalled>(p => p.Counts!.DontUnderstand == 2);
        Assert.Equal(new PaceCounts(1, 0, 2), last.Counts);
        var signals = facilitatorLog.All<PaceSignalled>();
        Assert.Equal([null, world.People.SecondContributor, world.People.SecondContributor], signals.Select(s => s.PersonId));
        await contributorLog.Next<PaceSignalled>(p => p.Kind == PaceKind.DontUnderstand && contributorLog.All<PaceSignalled>().Count == 3);
        Assert.All(contributorLog.All<PaceSignalled>(), s => Assert.Equal((null, null), (s.PersonId, s.Counts)));

        // Journalled, with no trace of who sent the anonymous one.
        var journal = await Scenario.Journal(world.App, "projectlive", world.ProjectId);
        var journalled = journal.Where(e => e.Body.GetProperty("event").GetProperty("type").GetString() == "paceSignalled").ToList();
        Assert.Equal(3, journalled.Count);
        Assert.DoesNotContain(world.People.Contributor.ToString(), journalled[0].Body.GetRawText(), StringComparison.OrdinalIgnoreCase);

        await LiveAssert.Refused("Forbidden", () => contributor.Hub.ClearPace(world.ProjectId));
        await facilitator.Hub.ClearPace(world.ProjectId);
        await facilitatorLog.Next<PaceCleared>();
        Assert.Equal(new PaceCounts(0, 0, 0), (await world.Join(world.People.StaffFacilitator)).Joined!.Snapshot.Pace);
        Assert.Null((await world.Join(world.People.Observer)).Joined!.Snapshot.Pace);
    }
}

public sealed class SqliteLiveTurnsAndPaceTests(SqliteDatabase database) : LiveTurnsAndPaceTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresLiveTurnsAndPaceTests(PostgresDatabase database) : LiveTurnsAndPaceTests(database), IClassFixture<PostgresDatabase>;
