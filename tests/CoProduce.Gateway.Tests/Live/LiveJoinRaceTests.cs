using System.Net;
using CoProduce.Live;
using CoProduce.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoProduce.Gateway.Tests.Live;

/// <summary>
/// A join and a removal at the same time: a join that passed the membership check just before the person was removed
/// leaves nothing of them in the session.
/// </summary>
public abstract class LiveJoinRaceTests(ITestDatabase database)
{
    [Fact]
    public async Task AJoinCheckedJustBeforeTheRemovalLeavesNoConnectionInTheSession()
    {
        var held = new HeldArrivals();
        await using var world = await LiveWorld.Create(database, services: held.Install);
        var removed = world.People.SecondContributor;
        held.PersonId = removed;
        var facilitator = await world.Join(world.People.Facilitator);
        var other = await world.Join(world.People.Contributor);
        var otherLog = world.Log(other);
        var connection = await world.Connect(removed);
        var pushes = new List<LiveMessage>();
        connection.On<LiveMessage>(HubPaths.EventMethod, m =>
        {
            lock (pushes)
            {
                pushes.Add(m);
            }
        });

        // The join is checked and waits to arrive; meanwhile the person is removed, and then it goes on.
        var joining = connection.InvokeAsync<JoinResult>(nameof(IProjectHub.Join), new JoinRequest(world.ProjectId));
        await held.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        await world.People.As(world.People.Facilitator)
            .DeleteAsync($"/api/projects/{world.ProjectId}/participants/{removed}")
            .Expect(HttpStatusCode.NoContent);
        held.Release();

        await LiveAssert.Refused("NotAMember", () => joining);
        await LiveAssert.Refused("NotJoined", () => connection.InvokeAsync(nameof(IProjectHub.RaiseHand), world.ProjectId));
        var present = await facilitator.Hub.Presence(new PresenceRequest(world.ProjectId));
        Assert.DoesNotContain(present.People, p => p.PersonId == removed);

        // Nothing reaches the connection: a push the others receive is not sent to it (the call on it afterwards proves
        // whatever the server wrote to it before has arrived).
        await facilitator.Hub.RaiseHand(world.ProjectId);
        await otherLog.Next<HandRaised>(h => h.PersonId == world.People.Facilitator);
        await LiveAssert.Refused("NotJoined", () => connection.InvokeAsync(nameof(IProjectHub.LowerHand), world.ProjectId));
        lock (pushes)
        {
            Assert.Empty(pushes);
        }
    }
}

public sealed class SqliteLiveJoinRaceTests(SqliteDatabase database) : LiveJoinRaceTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresLiveJoinRaceTests(PostgresDatabase database) : LiveJoinRaceTests(database), IClassFixture<PostgresDatabase>;
