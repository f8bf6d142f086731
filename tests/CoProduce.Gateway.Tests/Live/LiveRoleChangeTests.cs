using System.Net;
using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;
using CoProduce.Live;
using CoProduce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Live;

/// <summary>
/// The hub acts on each caller's role as the project has it now: a role changed or a participant removed while
/// they are in the session (over the HTTP API) takes effect in the session at once, on every connection.
/// </summary>
public abstract class LiveRoleChangeTests(ITestDatabase database)
{
    [Fact]
    public async Task AFacilitatorDemotedWhileJoinedNoLongerGivesTheFloorOrSeesAccessNeeds()
    {
        await using var world = await LiveWorld.Create(database);
        var lead = await NewParticipant(world, ProjectRole.Facilitator);
        var demoted = await world.Join(lead);
        var log = world.Log(demoted);
        var contributor = await world.Join(world.People.Contributor, accessNeeds: ["Breaks every 30 minutes"]);
        Assert.Equal(LiveRole.Facilitator, demoted.Joined!.Role);
        Assert.NotNull(await AccessNeedsOf(demoted, world, world.People.Contributor));

        await world.People.As(world.People.Facilitator)
            .PutJson($"/api/projects/{world.ProjectId}/participants/{lead}", new { role = "Contributor" })
            .Expect(HttpStatusCode.OK);

        // Everyone is told, and from that event on the demoted person is a contributor on this connection.
        await log.Next<PersonRoleChanged>(c => c.PersonId == lead && c.Role == LiveRole.Contributor);
        await world.Log(contributor).Next<PersonRoleChanged>(c => c.PersonId == lead && c.Role == LiveRole.Contributor);
        await LiveAssert.Refused("Forbidden", () => demoted.Hub.GiveFloor(new GiveFloorRequest(world.ProjectId, world.People.Contributor)));
        await LiveAssert.Refused("Forbidden", () => demoted.Hub.ClearPace(world.ProjectId));
        Assert.Null(await AccessNeedsOf(demoted, world, world.People.Contributor));

        // Pushes after the change are trimmed for them: no access needs of newcomers, no pace counts or senders.
        await world.Join(world.People.SecondContributor, accessNeeds: ["Step-free access"]);
        Assert.Null((await log.Next<PersonJoined>(p => p.PersonId == world.People.SecondContributor)).AccessNeeds);
        await contributor.Hub.SignalPace(new PaceRequest(world.ProjectId, PaceKind.SlowDown, Anonymous: false));
        Assert.Equal((null, null), Sender(await log.Next<PaceSignalled>()));

        // Joining again on the same connection answers as a contributor too.
        var again = await demoted.Hub.Join(new JoinRequest(world.ProjectId));
        Assert.Equal(LiveRole.Contributor, again.Role);
        Assert.Null(again.Snapshot.Pace);
        Assert.All(again.Snapshot.Present, p => Assert.Null(p.AccessNeeds));
    }

    [Fact]
    public async Task AContributorPromotedWhileJoinedFacilitatesAtOnce()
    {
        await using var world = await LiveWorld.Create(database);
        var promoted = await world.Join(world.People.SecondContributor);
        await world.Join(world.People.Contributor, accessNeeds: ["Easy read papers"]);
        await LiveAssert.Refused("Forbidden", () => promoted.Hub.GiveFloor(new GiveFloorRequest(world.ProjectId, world.People.Contributor)));

        await world.People.As(world.People.Facilitator)
            .PutJson($"/api/projects/{world.ProjectId}/participants/{world.People.SecondContributor}", new { role = "Facilitator" })
            .Expect(HttpStatusCode.OK);
        await world.Log(promoted).Next<PersonRoleChanged>(c => c.PersonId == world.People.SecondContributor && c.Role == LiveRole.Facilitator);

        await promoted.Hub.GiveFloor(new GiveFloorRequest(world.ProjectId, world.People.Contributor));
        await world.Log(promoted).Next<FloorGiven>(f => f.PersonId == world.People.Contributor && f.By == world.People.SecondContributor);
        Assert.Equal(["Easy read papers"], await AccessNeedsOf(promoted, world, world.People.Contributor));
    }

    [Fact]
    public async Task ARemovedParticipantIsDroppedFromTheSessionWithTheirSupporter()
    {
        await using var world = await LiveWorld.Create(database);
        var removed = await world.Join(world.People.Contributor);
        var supporter = await world.Join(world.People.Supporter, actingWith: world.People.Contributor);
        var other = await world.Join(world.People.SecondContributor);
        var facilitator = await world.Join(world.People.Facilitator);
        var otherLog = world.Log(other);

        await world.People.As(world.People.Facilitator)
            .DeleteAsync($"/api/projects/{world.ProjectId}/participants/{world.People.Contributor}")
            .Expect(HttpStatusCode.NoContent);

        // They learn why, everyone else sees them leave, and their connections are out of the session.
        await world.Log(removed).Next<PersonRemoved>(r => r.PersonId == world.People.Contributor);
        await world.Log(supporter).Next<PersonRemoved>(r => r.PersonId == world.People.Supporter);
        await otherLog.Next<PersonLeft>(p => p.PersonId == world.People.Contributor);
        await otherLog.Next<PersonLeft>(p => p.PersonId == world.People.Supporter);
        await LiveAssert.Refused("NotJoined", () => removed.Hub.RaiseHand(world.ProjectId));
        await LiveAssert.Refused("NotJoined", () => supporter.Hub.ProposeItem(new ProposeItemRequest(world.ProjectId, "Still here?")));
        await LiveAssert.Refused("NotAMember", () => removed.Hub.Join(new JoinRequest(world.ProjectId)));
        await LiveAssert.Refused("NotAMember", () => supporter.Hub.Join(new JoinRequest(world.ProjectId, ActingWith: world.People.Contributor)));
        var present = await facilitator.Hub.Presence(new PresenceRequest(world.ProjectId));
        Assert.DoesNotContain(present.People, p => p.PersonId == world.People.Contributor || p.PersonId == world.People.Supporter);

        // Nothing more reaches them: a push the others receive is not sent to the removed connections (a call on
        // each connection afterwards proves whatever the server wrote to it before has arrived).
        await facilitator.Hub.RaiseHand(world.ProjectId);
        var raised = await otherLog.NextMessage<HandRaised>(h => h.PersonId == world.People.Facilitator);
        await LiveAssert.Refused("NotJoined", () => removed.Hub.LowerHand(world.ProjectId));
        await LiveAssert.Refused("NotJoined", () => supporter.Hub.LowerHand(world.ProjectId));
        Assert.DoesNotContain(world.Log(removed).Messages, m => m.Sequence >= raised.Sequence);
        Assert.DoesNotContain(world.Log(supporter).Messages, m => m.Sequence >= raised.Sequence);
    }

    private static async Task<Guid> NewParticipant(LiveWorld world, ProjectRole role)
    {
        var person = Guid.NewGuid();
        await world.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IProjectGrain>(world.ProjectId)
            .Enrol(new Actor(world.People.Facilitator), person, role);
        return person;
    }

    private static async Task<IReadOnlyList<string>?> AccessNeedsOf(Client.Live.LiveSession viewer, LiveWorld world, Guid person) =>
        (await viewer.Hub.Presence(new PresenceRequest(world.ProjectId))).People.Single(p => p.PersonId == person).AccessNeeds;

    private static (Guid?, PaceCounts?) Sender(PaceSignalled signal) => (signal.PersonId, signal.Counts);
}

public sealed class SqliteLiveRoleChangeTests(SqliteDatabase database) : LiveRoleChangeTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresLiveRoleChangeTests(PostgresDatabase database) : LiveRoleChangeTests(database), IClassFixture<PostgresDatabase>;
