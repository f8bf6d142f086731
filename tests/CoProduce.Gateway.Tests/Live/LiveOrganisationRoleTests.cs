using System.Net;
using CoProduce.Grains.Common;
using CoProduce.Grains.Projects;
using CoProduce.Live;
using CoProduce.Testing;

namespace CoProduce.Gateway.Tests.Live;

/// <summary>
/// Staff facilitate a project through their organisation roles: a change to those roles (over the HTTP API) takes
/// effect in a session they are in at once, not when they next join.
/// </summary>
public abstract class LiveOrganisationRoleTests(ITestDatabase database)
{
    [Fact]
    public async Task StaffWhoseFacilitatorRoleIsTakenAwayWhileJoinedStopFacilitatingAtOnce()
    {
        await using var world = await LiveWorld.Create(database);

        // Organisation facilitator and a contributor of the project: they facilitate the session while the role lasts.
        var staff = Guid.NewGuid();
        await SetStaffRoles(world, staff, "Facilitator");
        await Scenario.Grains(world.App).GetGrain<IProjectGrain>(world.ProjectId)
            .Enrol(new Actor(world.People.Facilitator), staff, ProjectRole.Contributor);
        var session = await world.Join(staff);
        var log = world.Log(session);
        var contributor = await world.Join(world.People.Contributor, accessNeeds: ["Breaks every 30 minutes"]);
        Assert.Equal(LiveRole.Facilitator, session.Joined!.Role);
        Assert.NotNull(await AccessNeedsOf(session, world, world.People.Contributor));

        await SetStaffRoles(world, staff, "Finance");

        await log.Next<PersonRoleChanged>(c => c.PersonId == staff && c.Role == LiveRole.Contributor);
        await world.Log(contributor).Next<PersonRoleChanged>(c => c.PersonId == staff && c.Role == LiveRole.Contributor);
        await LiveAssert.Refused("Forbidden", () => session.Hub.GiveFloor(new GiveFloorRequest(world.ProjectId, world.People.Contributor)));
        await LiveAssert.Refused("Forbidden", () => session.Hub.ClearPace(world.ProjectId));
        Assert.Null(await AccessNeedsOf(session, world, world.People.Contributor));

        // Pushes after the change are trimmed for them.
        await world.Join(world.People.SecondContributor, accessNeeds: ["Step-free access"]);
        Assert.Null((await log.Next<PersonJoined>(p => p.PersonId == world.People.SecondContributor)).AccessNeeds);
        await contributor.Hub.SignalPace(new PaceRequest(world.ProjectId, PaceKind.SlowDown, Anonymous: false));
        var signal = await log.Next<PaceSignalled>();
        Assert.Null(signal.PersonId);
        Assert.Null(signal.Counts);
    }

    [Fact]
    public async Task StaffTakenOffTheOrganisationWhileJoinedAreDroppedFromTheSession()
    {
        await using var world = await LiveWorld.Create(database);
        var staff = await world.Join(world.People.StaffFacilitator);
        var other = await world.Join(world.People.Contributor);
        var facilitator = await world.Join(world.People.Facilitator);
        var otherLog = world.Log(other);
        Assert.Equal(LiveRole.Facilitator, staff.Joined!.Role);

        // No longer staff, and no participant of the project: not someone who may be in its session.
        await SetStaffRoles(world, world.People.StaffFacilitator);

        await world.Log(staff).Next<PersonRemoved>(r => r.PersonId == world.People.StaffFacilitator);
        await otherLog.Next<PersonLeft>(p => p.PersonId == world.People.StaffFacilitator);
        await LiveAssert.Refused("NotJoined", () => staff.Hub.GiveFloor(new GiveFloorRequest(world.ProjectId, world.People.Contributor)));
        await LiveAssert.Refused("NotAMember", () => staff.Hub.Join(new JoinRequest(world.ProjectId)));

        await facilitator.Hub.RaiseHand(world.ProjectId);
        var raised = await otherLog.NextMessage<HandRaised>(h => h.PersonId == world.People.Facilitator);
        await LiveAssert.Refused("NotJoined", () => staff.Hub.LowerHand(world.ProjectId));
        Assert.DoesNotContain(world.Log(staff).Messages, m => m.Sequence >= raised.Sequence);
    }

    private static async Task SetStaffRoles(LiveWorld world, Guid person, params string[] roles) =>
        await world.People.As(world.People.Facilitator)
            .PutJson($"/api/organisations/{world.People.OrganisationId}/members/{person}", new { displayName = "Sam", roles })
            .Expect(HttpStatusCode.OK);

    private static async Task<IReadOnlyList<string>?> AccessNeedsOf(Client.Live.LiveSession viewer, LiveWorld world, Guid person) =>
        (await viewer.Hub.Presence(new PresenceRequest(world.ProjectId))).People.Single(p => p.PersonId == person).AccessNeeds;
}

public sealed class SqliteLiveOrganisationRoleTests(SqliteDatabase database) : LiveOrganisationRoleTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresLiveOrganisationRoleTests(PostgresDatabase database) : LiveOrganisationRoleTests(database), IClassFixture<PostgresDatabase>;
