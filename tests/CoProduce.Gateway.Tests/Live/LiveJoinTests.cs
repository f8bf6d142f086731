using System.Collections.Concurrent;
using CoProduce.Live;
using CoProduce.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Live;

public abstract class LiveJoinTests(ITestDatabase database)
{
    [Fact]
    public async Task ParticipantsSeeEachOtherArriveAndLeaveWithTheirRoles()
    {
        await using var world = await LiveWorld.Create(database);
        var contributor = await world.Join(world.People.Contributor);
        var log = world.Log(contributor);
        Assert.Equal(LiveRole.Contributor, contributor.Joined!.Role);
        Assert.Contains(contributor.Joined.Snapshot.Present, p => p.PersonId == world.People.Contributor);

        var observer = await world.Join(world.People.Observer);
        var facilitator = await world.Join(world.People.Facilitator);
        Assert.Equal(LiveRole.Observer, observer.Joined!.Role);
        Assert.Equal(LiveRole.Facilitator, facilitator.Joined!.Role);
        Assert.Equal(LiveRole.Observer, (await log.Next<PersonJoined>(p => p.PersonId == world.People.Observer)).Role);
        Assert.Equal(LiveRole.Facilitator, (await log.Next<PersonJoined>(p => p.PersonId == world.People.Facilitator)).Role);

        await observer.DisposeAsync();
        await log.Next<PersonLeft>(p => p.PersonId == world.People.Observer);
        var sequences = log.Messages.Select(m => m.Sequence).ToList();
        Assert.Equal(Enumerable.Range((int)sequences[0], sequences.Count).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task ASupporterJoinsActingWithTheirContributor()
    {
        await using var world = await LiveWorld.Create(database);
        var facilitator = await world.Join(world.People.Facilitator);
        var log = world.Log(facilitator);
        var supporter = await world.Join(world.People.Supporter, actingWith: world.People.Contributor);

        Assert.Equal(LiveRole.Supporter, supporter.Joined!.Role);
        var joined = await log.Next<PersonJoined>(p => p.PersonId == world.People.Supporter);
        Assert.Equal((LiveRole.Supporter, world.People.Contributor), (joined.Role, joined.With));
        var item = await supporter.Hub.ProposeItem(new ProposeItemRequest(world.ProjectId, "Night-time phone line"));
        Assert.Equal((world.People.Contributor, world.People.Supporter), (item.ProposedBy, item.SupportedBy));
    }

    [Fact]
    public async Task OnlyFacilitatorsSeeTheAccessNeedsPeopleShare()
    {
        await using var world = await LiveWorld.Create(database);
        var facilitator = await world.Join(world.People.Facilitator);
        var contributor = await world.Join(world.People.SecondContributor);
        var facilitatorLog = world.Log(facilitator);
        var contributorLog = world.Log(contributor);
        await world.Join(world.People.Contributor, accessNeeds: ["Breaks every 30 minutes", "Easy read papers"]);

        var seenByFacilitator = await facilitatorLog.Next<PersonJoined>(p => p.PersonId == world.People.Contributor);
        var seenByContributor = await contributorLog.Next<PersonJoined>(p => p.PersonId == world.People.Contributor);
        Assert.Equal(["Breaks every 30 minutes", "Easy read papers"], seenByFacilitator.AccessNeeds);
        Assert.Null(seenByContributor.AccessNeeds);

        // The same holds for the presence list a late joiner receives.
        var late = await world.Join(world.People.ThirdContributor);
        var lateFacilitator = await world.Join(world.People.StaffFacilitator);
        Assert.All(late.Joined!.Snapshot.Present, p => Assert.Null(p.AccessNeeds));
        Assert.Equal(2, lateFacilitator.Joined!.Snapshot.Present.Single(p => p.PersonId == world.People.Contributor).AccessNeeds!.Count);
    }

    [Fact]
    public async Task SomeoneOutsideTheProjectIsRefusedAndIsNotInTheSession()
    {
        await using var world = await LiveWorld.Create(database);
        var facilitator = await world.Join(world.People.Facilitator);
        var log = world.Log(facilitator);
        var outsiders = new[] { world.People.Stranger, world.People.FinanceStaff, world.People.OtherOrganisationAdmin };
        foreach (var outsider in outsiders)
        {
            var connection = await world.Connect(outsider);
            await LiveAssert.Refused("NotAMember", () => connection.InvokeAsync<JoinResult>("Join", new JoinRequest(world.ProjectId)));

            // Not joined: no hub method works for them.
            await LiveAssert.Refused("NotJoined", () => connection.InvokeAsync("RaiseHand", world.ProjectId));
        }

        // A supporter may not act with someone who has not linked them.
        var supporterForOther = await world.Connect(world.People.Supporter);
        await LiveAssert.Refused("NotAMember", () => supporterForOther.InvokeAsync<JoinResult>(
            "Join", new JoinRequest(world.ProjectId, ActingWith: world.People.SecondContributor)));

        var late = await world.Join(world.People.Observer);
        Assert.DoesNotContain(late.Joined!.Snapshot.Present, p => outsiders.Contains(p.PersonId) || p.PersonId == world.People.Supporter);
        await log.Next<PersonJoined>(p => p.PersonId == world.People.Observer);
        Assert.DoesNotContain(log.All<PersonJoined>(), p => outsiders.Contains(p.PersonId) || p.PersonId == world.People.Supporter);
    }

    [Fact]
    public async Task TheSdkNamesTheProjectOnItsHubRequestSoAnIngressCanKeepItOnOneNode()
    {
        var seen = new HubRequests();
        await using var world = await LiveWorld.Create(database, services: s => s.AddSingleton<IStartupFilter>(seen));
        await world.Join(world.People.Contributor);

        // One request (no negotiate step before the WebSocket), naming the project twice and carrying the token.
        var request = Assert.Single(seen.All);
        Assert.Equal(world.ProjectId.ToString("D"), request.Query);
        Assert.Equal(world.ProjectId.ToString("D"), request.Header);
        Assert.StartsWith("Bearer ", request.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConnectionWithoutAValidTokenIsRefused()
    {
        await using var world = await LiveWorld.Create(database);
        var bad = Client.Live.LiveConnection.Build(world.Address, _ => ValueTask.FromResult("not-a-token"));
        await using (bad)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => bad.StartAsync());
        }
    }

    /// <summary>Notes the project's query parameter and header, and the Authorization header, of each hub request.</summary>
    private sealed class HubRequests : IStartupFilter
    {
        private readonly ConcurrentQueue<(string? Query, string? Header, string? Authorization)> _seen = new();

        public IReadOnlyList<(string? Query, string? Header, string? Authorization)> All => [.. _seen];

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, then) =>
            {
                if (context.Request.Path.StartsWithSegments(HubPaths.Project))
                {
                    var request = context.Request;
                    _seen.Enqueue((request.Query[HubPaths.ProjectQuery], request.Headers[HubPaths.ProjectHeader], request.Headers.Authorization));
                }

                return then(context);
            });
            next(app);
        };
    }
}

public sealed class SqliteLiveJoinTests(SqliteDatabase database) : LiveJoinTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresLiveJoinTests(PostgresDatabase database) : LiveJoinTests(database), IClassFixture<PostgresDatabase>;
