using CoProduce.Live;
using CoProduce.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoProduce.Gateway.Tests.Live;

public abstract class LiveLimitsTests(ITestDatabase database)
{
    private static readonly Dictionary<string, string?> TightLimits = new()
    {
        ["CoProduce:Live:CallBurst"] = "5",
        ["CoProduce:Live:CallsPerSecond"] = "0.001",
        ["CoProduce:Live:MaximumMessageBytes"] = "4096",
    };

    [Fact]
    public async Task ACallerOverTheRateLimitIsRefusedAndOthersCarryOn()
    {
        await using var world = await LiveWorld.Create(database, TightLimits);
        var busy = await world.Join(world.People.Contributor);
        var other = await world.Join(world.People.SecondContributor);
        var log = world.Log(other);

        // Join took one call; four more are within the burst (reads, as a pace signal counts once per person anyway).
        for (var i = 0; i < 4; i++)
        {
            await busy.Hub.SpeakingTime(world.ProjectId);
        }

        await LiveAssert.Refused("RateLimited", () => busy.Hub.SignalPace(new PaceRequest(world.ProjectId, PaceKind.SlowDown, Anonymous: true)));
        await other.Hub.RaiseHand(world.ProjectId);
        await log.Next<HandRaised>(h => h.PersonId == world.People.SecondContributor);
        var journal = await Scenario.Journal(world.App, "projectlive", world.ProjectId);
        Assert.DoesNotContain(journal, e => e.Body.GetProperty("event").GetProperty("type").GetString() == "paceSignalled");
    }

    [Fact]
    public async Task UnknownMethodsAndMalformedArgumentsFailOnlyThatCall()
    {
        await using var world = await LiveWorld.Create(database);
        var caller = await world.Join(world.People.Contributor);
        var connection = caller.Connection;

        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("DropTables", world.ProjectId));
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("RaiseHand", "not-a-guid"));
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("RaiseHand", world.ProjectId, 42, "extra"));
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("SignalPace", new { projectId = world.ProjectId, kind = "Panic" }));
        await LiveAssert.Refused("Invalid", () => caller.Hub.SignalPace(new PaceRequest(world.ProjectId, (PaceKind)42, Anonymous: false)));
        await LiveAssert.Refused("Invalid", () => caller.Hub.ProposeItem(new ProposeItemRequest(world.ProjectId, new string('x', 3000))));
        await LiveAssert.Refused("Invalid", () => caller.Hub.ProposeItem(new ProposeItemRequest(world.ProjectId, "Bell\u0007")));

        // The same connection still works.
        Assert.Equal(HubConnectionState.Connected, connection.State);
        await caller.Hub.RaiseHand(world.ProjectId);
        await world.Log(caller).Next<HandRaised>();
    }

    [Fact]
    public async Task AMessageOverTheSizeLimitDropsOnlyThatConnection()
    {
        await using var world = await LiveWorld.Create(database, TightLimits);
        var sender = await world.Connect(world.People.Contributor);
        await sender.InvokeAsync<JoinResult>("Join", new JoinRequest(world.ProjectId));
        var other = await world.Join(world.People.SecondContributor);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sender.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        await Assert.ThrowsAnyAsync<Exception>(() => sender.InvokeAsync<LiveAgendaItem>("ProposeItem", new ProposeItemRequest(world.ProjectId, new string('x', 100_000))));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await other.Hub.RaiseHand(world.ProjectId);
        await world.Log(other).Next<PersonLeft>(p => p.PersonId == world.People.Contributor);
        await world.Log(other).Next<HandRaised>();
        Assert.Empty(world.Log(other).All<AgendaItemProposed>());
    }
}

public sealed class SqliteLiveLimitsTests(SqliteDatabase database) : LiveLimitsTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresLiveLimitsTests(PostgresDatabase database) : LiveLimitsTests(database), IClassFixture<PostgresDatabase>;
